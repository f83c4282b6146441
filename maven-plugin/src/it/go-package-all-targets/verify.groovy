// Every output is byte for byte what `go build` writes with the same settings, and cmd/link never ran.
import java.nio.file.Files

def targets = ['linux/amd64', 'linux/386', 'linux/arm', 'linux/arm64', 'linux/mips', 'linux/mipsle', 'linux/mips64',
               'linux/mips64le', 'linux/ppc64', 'linux/ppc64le', 'linux/riscv64', 'linux/loong64', 'linux/s390x', 'darwin/amd64', 'darwin/arm64', 'js/wasm',
               'windows/amd64', 'windows/386', 'windows/arm64', 'windows/arm', 'aix/ppc64',
               'plan9/amd64', 'plan9/386', 'plan9/arm']
def src = new File(basedir, 'src/main/go')
def refDir = new File(basedir, 'target/go-build')
refDir.mkdirs()
assert !new File(basedir, 'cmd-link-ran.txt').exists(): "cmd/link ran: " + new File(basedir, 'cmd-link-ran.txt').text

for (t in targets) {
    def (goos, goarch) = t.split('/')
    def name = "go-package-all-targets-1.0-${goos}-${goarch}" + (goarch == 'wasm' ? '.wasm' : goos == 'windows' ? '.exe' : '')
    def ours = new File(basedir, "target/golink/${name}")
    assert ours.isFile(): "no output for ${t}"
    def ref = new File(refDir, name)
    def env = System.getenv().collect { k, v -> "${k}=${v}" }.findAll { !it.startsWith('GO') && !it.startsWith('CGO_') }
    env += ["GOOS=${goos}", "GOARCH=${goarch}", 'CGO_ENABLED=0', 'GOFLAGS=-trimpath']
    def cmd = ['/usr/lib/go-1.19/bin/go', 'build', '-o', ref.path,
               '-ldflags=-X example.com/app/internal/build.Commit=abc123 -X main.version=1.0', '.']
    def p = cmd.execute(env, src)
    def err = p.err.text
    assert p.waitFor() == 0: err
    assert Arrays.equals(ours.bytes, ref.bytes): "${t}: golink's output differs from go build's (${ours.length()} vs ${ref.length()} bytes)"
    println "identical to go build: ${t} (${ours.length()} bytes)"
}

def host = new File(basedir, 'target/golink/go-package-all-targets-1.0-linux-amd64')
assert host.canExecute()
def run = [host.path].execute()
assert run.text == 'app 1.0 (abc123) on linux/amd64\n'

def log = new File(basedir, 'build.log').text
assert !log.contains('WORK='): 'the go -x trace is for debug level only'
assert log.contains('golink: linux/amd64: compile ')
true
