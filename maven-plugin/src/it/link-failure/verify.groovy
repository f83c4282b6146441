// The inputs are not Go objects (and golink cannot link yet anyway): the linker's
// error must fail the build, be shown whole, and leave no executable behind.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('golink could not link linux/amd64 (from <targets>), from <importcfg> ')
assert !log.contains('golink: linked')
assert !new File(basedir, 'target/golink/link-failure-1.0-linux-amd64').exists()
true
