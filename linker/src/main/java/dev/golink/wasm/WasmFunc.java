package dev.golink.wasm;

/**
 * A function of the module (cf. wasm.wasmFunc): an import (name, type) or a
 * defined function (name for the name section, type, body).
 *
 * @param name its name's bytes
 * @param type index into the type section
 * @param code the body: locals and instructions, relocations resolved; empty for an import
 */
record WasmFunc(byte[] name, int type, byte[] code) {
}
