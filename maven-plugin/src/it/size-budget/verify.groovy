// Over <maxBytes> and over <maxGrowth>: the build fails, naming the largest packages and
// those that grew most; the output (still cmd/link's bytes) and its size report are there.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('golink: 1 of 1 target is over <sizeBudget>:')
assert log.contains('linux/amd64: 1819316 bytes, 819316 over <maxBytes> 1000000; largest packages:'
        + ' runtime 1251262, reflect 96725, unicode 91620 (report: ')
assert log.contains('linux/amd64: grew +119316 bytes (+7.0%) against ')
assert log.contains('over <maxGrowth> 5%; grew most: runtime +79598, reflect +36324, fmt +25188 (report: ')
def out = new File(basedir, 'target/golink/size-budget-1.0-linux-amd64')
assert out.bytes == new File(basedir, 'go/linux-amd64/hello.default.out').bytes: 'the output is not cmd/link\'s'
def json = new File(basedir, 'target/golink/size-budget-1.0-linux-amd64.size.json')
assert json.text.contains('"fileSize":1819316')
def html = new File(basedir, 'target/golink/size-budget-1.0-linux-amd64.size.html')
assert html.text.contains('<html')
true
