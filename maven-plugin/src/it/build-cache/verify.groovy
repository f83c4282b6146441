// The build cache extension and the go packaging (invoker.properties runs four builds):
// 1. clean package: a miss; golink links, the extension saves the three executables.
// 2. clean package: a hit; golink does not run, the executables come back from the cache.
// 3. antrun:run@after-hit: the restored host executable runs (so it kept its execute bit),
//    the modes of all three are recorded, and greet/greet.go is edited.
// 4. package: the edit changed the checksum, a miss; golink links the edited program.
def log = new File(basedir, 'build.log').text
// One part per Maven invocation.
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 4: "expected 4 Maven invocations in build.log, found ${runs.size()}"
runs.eachWithIndex { run, i -> assert run.contains('BUILD SUCCESS'): "invocation ${i + 1} failed" }

def checksum = { String run ->
    def m = run =~ /checksum \[([0-9a-f]{64})\]/
    assert m.find(): "the build cache extension computed no checksum:\n$run"
    m.group(1)
}
def targets = ['linux-amd64', 'linux-arm64', 'darwin-arm64']
// Whether golink linked target t (goos-goarch) in run: its line names the output, and not "up to date".
def linked = { String run, String t ->
    def line = run.readLines().find { it.contains("golink: ${t.replace('-', '/')}: ") && it.contains(' -> ') }
    line != null && !line.contains('up to date')
}
def cacheDir = new File(basedir, 'local-build-cache/v1.1/dev.golink.it/build-cache')

// 1. A miss: golink linked every target, and the extension saved them.
def first = checksum(runs[0])
assert runs[0].contains("Local build was not found by checksum $first")
targets.each { t -> assert linked(runs[0], t): "golink did not link $t" }
def firstBuild = new File(cacheDir, "$first/local")
targets.each { t -> assert new File(firstBuild, "build-cache-${t}.bin").isFile(): "cache holds no $t" }
// The Go sources are inputs of the checksum: the configuration's <include> found them.
def buildinfo = new File(firstBuild, 'buildinfo.xml').text
['src/main/go/go.mod', 'src/main/go/main.go', 'src/main/go/greet/greet.go'].each { f ->
    assert buildinfo =~ />${java.util.regex.Pattern.quote(f)}</: "$f is not an input of the cache checksum"
}

// 2. A hit on the same checksum: golink:link skipped, the files restored into the cleaned target/.
assert checksum(runs[1]) == first
assert runs[1].contains('Deleting ' + new File(basedir, 'target').path)
assert runs[1].contains("Found cached build, restoring dev.golink.it:build-cache from cache by checksum $first")
assert runs[1].contains('Skipping plugin execution (cached): golink:link')
assert !runs[1].contains('golink: '): 'golink ran on a cache hit'

// 3. The restored executables: all three with their execute bits, and the host's runs.
def modes = new File(basedir, 'target/after-hit-modes.txt').readLines()
assert modes.size() == 3
targets.each { t ->
    def line = modes.find { it.endsWith("/target/golink/build-cache-1.0-$t") }
    assert line?.startsWith('-rwxr-xr-x '): "restored $t without its execute bits: $line"
}
assert new File(basedir, 'target/after-hit-output.txt').text == 'hello, cache\n'

// 4. The edit is a miss on another checksum, and the new executable has it.
def second = checksum(runs[3])
assert second != first
assert runs[3].contains("Local build was not found by checksum $second")
targets.each { t -> assert linked(runs[3], t): "golink did not link $t after the edit" }
assert new File(cacheDir, "$second/local/build-cache-linux-amd64.bin").isFile()
def host = new File(basedir, 'target/golink/build-cache-1.0-linux-amd64')
assert host.canExecute()
def p = [host.path, 'maven'].execute()
p.waitFor()
assert p.exitValue() == 0
assert p.text == 'howdy, maven\n'
true
