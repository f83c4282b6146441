// Unpacks the golden inputs of hello for linux/amd64 with link-golden-hello's script.
def repo = new File(basedir, '../../../..').canonicalFile
def script = new File(repo, 'maven-plugin/src/it/link-golden-hello/unpack-golden.sh')
def p = ['bash', script.path, new File(repo, 'golden').path, new File(basedir, 'go').path, 'linux-amd64'].execute()
p.waitFor()
assert p.exitValue() == 0: p.err.text
true
