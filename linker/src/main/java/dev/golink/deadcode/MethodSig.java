package dev.golink.deadcode;

/**
 * A method signature as deadcode compares them: the method's name and the
 * global index of its function type descriptor (cf. ld.methodsig).
 */
record MethodSig(String name, int typ) {
}
