// Unpacks the golden inputs of hello for every target this build links, with the
// script beside this one.
def repo = new File(basedir, '../../../..').canonicalFile
def targets = new File(basedir, 'targets.txt').readLines().findAll { it.trim() }
def cmd = ['bash', new File(basedir, 'unpack-golden.sh').path, new File(repo, 'golden').path,
           new File(basedir, 'go').path] + targets
def p = cmd.execute()
p.waitFor()
assert p.exitValue() == 0: p.err.text
true
