// Unpacks the golden inputs of hello for every target this build links, with the
// importcfg made absolute and the main archive at a fixed name, and cmd/link's own
// output for the comparison in verify.groovy.
def golden = new File(basedir, '../../../../golden').canonicalFile
new File(basedir, 'targets.txt').readLines().findAll { it.trim() }.each { t ->
    def dir = new File(basedir, "go/$t")
    dir.mkdirs()
    def run = { List cmd ->
        def p = cmd.execute(null, dir)
        p.waitFor()
        assert p.exitValue() == 0: "${cmd.join(' ')}: ${p.err.text}"
    }
    run(['tar', '-xJf', new File(golden, "targets/$t/inputs.tar.xz").path])
    run(['tar', '-xJf', new File(golden, "targets/$t/reference.tar.xz").path, './hello.default.out'])
    def main = new File(dir, 'hello/link.args').readLines().findAll { it.trim() }.last()
    new File(dir, 'main.a').bytes = new File(dir, main).bytes
    def cfg = new File(dir, 'hello/importcfg.link')
    cfg.text = cfg.text.replaceAll(/(?m)^(packagefile [^=]+=)(pkg\/)/) { all, head, rel -> head + dir.path + '/' + rel }
}
true
