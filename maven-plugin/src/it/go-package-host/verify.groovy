// The host's executable, compiled by Go 1.19.8 and linked by golink, runs.
def host = new File(basedir, 'target/golink/go-package-host-1.0-linux-amd64')
assert host.canExecute(): "no host executable"
def p = [host.path].execute()
p.waitFor()
assert p.exitValue() == 0
assert p.text == "hello, world\n"
// The size report came from the link under go build, through the toolexec script.
def report = new File(basedir, 'target/golink/go-package-host-1.0-linux-amd64.size.json')
assert report.text.contains('"fileSize":' + host.length() + ',')
assert new File(basedir, 'target/golink/go-package-host-1.0-linux-amd64.size.html').isFile()
true
