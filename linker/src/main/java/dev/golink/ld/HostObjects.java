package dev.golink.ld;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.loader.Library;

/**
 * What becomes of host objects once every package is loaded (cf. ld.determineLinkMode):
 * cmd/link links them internally or hands them to a C linker; golink does neither, so
 * a link that has any is refused. Where cmd/link itself refuses an internal link
 * (-linkmode=internal with cgo on a port that has no internal cgo linking), golink
 * says what cmd/link says; otherwise it names the package that needs cgo.
 */
public final class HostObjects {

    private HostObjects() {
    }

    public static void check(LinkContext ctxt) throws LinkException {
        boolean iscgo = false;
        Library first = null;
        for (Library lib : ctxt.libraries()) {
            iscgo |= lib.pkg().equals("runtime/cgo");
            if (first == null && !lib.hostObjects().isEmpty()) {
                first = lib;
            }
        }
        String reason = iscgo ? ctxt.target().internalCgoRefusal() : null;
        if (reason != null && ctxt.options().linkModeInternal()) {
            throw new LinkException("internal linking requested but external linking required: " + reason);
        }
        if (first != null) {
            throw new LinkException("package " + first.pkg() + " needs cgo or a C linker: " + first.hostObjects().get(0)
                    + " is a host object file (ELF, Mach-O, PE or XCOFF); golink links pure Go programs only"
                    + " (build with CGO_ENABLED=0, without .syso files)");
        }
    }
}
