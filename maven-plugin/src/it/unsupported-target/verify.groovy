// The build failed on the configuration, naming <targets> and the target, before linking anything.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('<targets>: golink cannot link android/386: remove it from <targets>; golink links linux/amd64,')
assert !log.contains('golink: linked')
assert !new File(basedir, 'target/golink').exists()
true
