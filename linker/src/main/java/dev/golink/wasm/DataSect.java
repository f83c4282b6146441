package dev.golink.wasm;

/**
 * One section of linear memory and its bytes, relocated (cf. wasm.wasmDataSect).
 *
 * @param name  the section's name, for messages
 * @param vaddr its address in linear memory
 * @param data  its content
 */
public record DataSect(String name, long vaddr, byte[] data) {
}
