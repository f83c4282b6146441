def log = new File(basedir, 'build.log').text
assert log.contains('golink: skipped (<skip> is true)')
assert log.contains('BUILD SUCCESS')
true
