// The jar ships the Go program for every target as a classpath resource, the JUnit test
// extracted the host's and ran it, and the jar alone runs it too.
import java.util.jar.JarFile

def targets = ['linux-amd64', 'linux-arm64', 'darwin-amd64', 'darwin-arm64']
def jarFile = new File(basedir, 'target/jar-resources-1.0.jar')
assert jarFile.isFile()

def magic = { byte[] b -> b[0..3].collect { String.format('%02x', it & 0xff) }.join() }
new JarFile(jarFile).withCloseable { jar ->
    targets.each { t ->
        def entry = jar.getEntry("dev/golink/it/hello/hello-$t")
        assert entry != null: "the jar holds no executable for $t"
        def bytes = jar.getInputStream(entry).bytes
        // The bytes golink linked: ELF for linux, 64-bit Mach-O for darwin.
        assert magic(bytes) == (t.startsWith('linux') ? '7f454c46' : 'cffaedfe'): "$t is no executable"
        assert bytes == new File(basedir, "target/golink-resources/dev/golink/it/hello/hello-$t").bytes
    }
    assert jar.getEntry('dev/golink/it/hello/HelloExecutable.class') != null
    def names = jar.entries().collect { it.name }
    assert !names.any { it.contains('.golink-state') }: 'the up-to-date record went into the jar'
    assert names.count { it.startsWith('dev/golink/it/hello/hello-') } == targets.size()
}

// The test ran, and passed.
def report = new File(basedir, 'target/surefire-reports/TEST-dev.golink.it.hello.HelloExecutableTest.xml')
assert report.isFile(): 'the JUnit test did not run'
def suite = (report.text =~ /<testsuite [^>]*>/)[0]
['tests': 1, 'errors': 0, 'skipped': 0, 'failures': 0].each { k, v ->
    assert suite.contains(" $k=\"$v\""): "$k is not $v: $suite"
}

// Not attached (<attach>false</attach>): install published the jar and the POM, nothing else.
def installed = new File(localRepositoryPath, 'dev/golink/it/jar-resources/1.0').list().findAll { !it.startsWith('_') }
assert installed.sort() == ['jar-resources-1.0.jar', 'jar-resources-1.0.pom']: installed

// The jar alone: java -cp the jar runs the host's executable.
def java = new File(System.getProperty('java.home'), 'bin/java').path
def p = [java, '-cp', jarFile.path, 'dev.golink.it.hello.HelloExecutable', 'jar'].execute()
def out = p.text
p.waitFor()
assert p.exitValue() == 0: out
assert out == 'hello, jar, from linux/amd64\n'
true
