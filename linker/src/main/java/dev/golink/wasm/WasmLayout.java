package dev.golink.wasm;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the module writer put each part of the module, for the size report: every section, each
 * function's entry in the code section and in the name section, and each data segment with the
 * linear-memory range its bytes initialize.
 */
public final class WasmLayout {

    /** A section: its name (a custom section's own name), offset in the file, bytes with its id and size. */
    public record Section(String name, long offset, long size) {
    }

    /** A data segment: its header's bytes at {@code offset}, then {@code length} bytes that fill memory from {@code address}. */
    public record DataSegment(long offset, int headerBytes, long address, int length) {
    }

    private final List<Section> sections = new ArrayList<>();
    private final List<DataSegment> dataSegments = new ArrayList<>();
    /** Per defined function, in text order: its code entry's offset and bytes (size, locals, instructions). */
    private long[] codeOffsets = new long[0];
    private int[] codeBytes = new int[0];
    /** Per defined function: its name-section entry's index bytes and name bytes (length and name); empty with -s. */
    private int[] nameIndexBytes = new int[0];
    private int[] nameBytes = new int[0];

    public List<Section> sections() {
        return sections;
    }

    public List<DataSegment> dataSegments() {
        return dataSegments;
    }

    public int functions() {
        return codeOffsets.length;
    }

    public long codeOffset(int fn) {
        return codeOffsets[fn];
    }

    public int codeBytes(int fn) {
        return codeBytes[fn];
    }

    /** Whether the module has a name section (not with -s). */
    public boolean hasNames() {
        return nameBytes.length != 0;
    }

    public int nameIndexBytes(int fn) {
        return nameIndexBytes[fn];
    }

    public int nameBytes(int fn) {
        return nameBytes[fn];
    }

    void section(String name, long offset, long size) {
        sections.add(new Section(name, offset, size));
    }

    void dataSegment(long offset, int headerBytes, long address, int length) {
        dataSegments.add(new DataSegment(offset, headerBytes, address, length));
    }

    void functions(int n) {
        codeOffsets = new long[n];
        codeBytes = new int[n];
    }

    void code(int fn, long offset, int bytes) {
        codeOffsets[fn] = offset;
        codeBytes[fn] = bytes;
    }

    void names(int n) {
        nameIndexBytes = new int[n];
        nameBytes = new int[n];
    }

    void name(int fn, int indexBytes, int bytes) {
        nameIndexBytes[fn] = indexBytes;
        nameBytes[fn] = bytes;
    }
}
