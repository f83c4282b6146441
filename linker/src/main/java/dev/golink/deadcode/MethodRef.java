package dev.golink.deadcode;

/**
 * A method of a reachable type that may yet be needed: the receiver type
 * symbol and the index of the first of its three R_METHODOFF relocations
 * (method type, interface-call entry, direct-call entry) (cf. ld.methodref).
 */
record MethodRef(MethodSig m, int src, int r) {

    /** Whether the method name starts with an upper-case letter. */
    boolean isExported() {
        String name = m.name();
        if (name.isEmpty()) {
            throw new IllegalStateException("method reference without a name");
        }
        return Character.isUpperCase(name.codePointAt(0));
    }
}
