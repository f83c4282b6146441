// Every output must be byte-identical to cmd/link's, and the host's must run.
def finalName = 'link-golden-hello-1.0'
def log = new File(basedir, 'build.log').text
new File(basedir, 'targets.txt').readLines().findAll { it.trim() }.each { t ->
    def out = new File(basedir, "target/golink/$finalName-$t" + (t == 'js-wasm' ? '.wasm' : ''))
    assert out.isFile(): "no output for $t"
    def ref = new File(basedir, "go/$t/hello.default.out")
    assert out.bytes == ref.bytes: "$t: golink's output differs from cmd/link's"
    assert log.contains(t.replace('-', '/')): "no log line for $t"
}
def host = new File(basedir, "target/golink/$finalName-linux-amd64")
assert host.canExecute()
def p = [host.path].execute()
p.waitFor()
assert p.exitValue() == 0
assert p.text == "hello, world\n"
true
