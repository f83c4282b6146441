// A Go 1.19.8 toolchain whose cmd/link only records that it ran and fails: a copy of the go
// command (which finds its GOROOT beside itself), every other file a link to the real one.
import java.nio.file.Files
import java.nio.file.Path

def real = Path.of('/usr/lib/go-1.19')
def root = basedir.toPath().resolve('goroot')
def marker = basedir.toPath().resolve('cmd-link-ran.txt')

def mirror
mirror = { Path from, Path to ->
    Files.createDirectories(to)
    Files.list(from).sorted().each { Path entry ->
        def rel = real.relativize(entry).toString()
        def target = to.resolve(entry.fileName.toString())
        if (rel == 'bin/go') {
            Files.copy(entry, target)
        } else if (rel ==~ /pkg\/tool\/[^\/]+\/link/) {
            Files.writeString(target, "#!/bin/sh\necho \"cmd/link ran: \$*\" >>'${marker}'\nexit 1\n")
            target.toFile().setExecutable(true)
        } else if (rel ==~ /bin|pkg|pkg\/tool|pkg\/tool\/[^\/]+/) {
            mirror(entry, target)
        } else {
            Files.createSymbolicLink(target, entry.toRealPath())
        }
    }
}
mirror(real, root)
assert Files.isExecutable(root.resolve('bin/go'))
true
