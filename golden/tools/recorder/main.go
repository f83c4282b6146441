// Command recorder writes the conformance record of one linked executable:
// the file's size and SHA-256, its segments and sections, its symbols with the
// SHA-256 of their bytes, and a hash of every 4 KiB chunk of the file. The
// golink conformance suite computes the same record from golink's output and
// compares the two line by line to say where they differ.
//
// It reads ELF, Mach-O, PE and Plan 9 a.out through Go's debug/elf, debug/macho, debug/pe and
// debug/plan9obj, and wasm and XCOFF (Go keeps its reader internal) with small readers of its own,
// so that the records do not depend on golink's own parsers.
package main

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"debug/plan9obj"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
)

const chunkSize = 4096

type writer struct{ b strings.Builder }

func (w *writer) line(fields ...interface{}) {
	for i, f := range fields {
		if i > 0 {
			w.b.WriteByte('\t')
		}
		fmt.Fprint(&w.b, f)
	}
	w.b.WriteByte('\n')
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func hx(v uint64) string { return fmt.Sprintf("%#x", v) }

// slice returns data[off:off+n], or nil when the range is outside the file.
func slice(data []byte, off, n uint64) []byte {
	if off > uint64(len(data)) || n > uint64(len(data))-off {
		return nil
	}
	return data[off : off+n]
}

func bytesHash(data []byte, off, n uint64) string {
	b := slice(data, off, n)
	if b == nil {
		return "out-of-file"
	}
	return sum(b)
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: recorder FILE")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var w writer
	w.line("golink-record", 1)
	w.line("file", len(data), sum(data))
	switch {
	case bytes.HasPrefix(data, []byte("\x7fELF")):
		err = recordELF(&w, data)
	case bytes.HasPrefix(data, []byte{0xcf, 0xfa, 0xed, 0xfe}):
		err = recordMachO(&w, data)
	case bytes.HasPrefix(data, []byte("\x00asm")):
		err = recordWasm(&w, data)
	case bytes.HasPrefix(data, []byte("MZ")):
		err = recordPE(&w, data)
	case bytes.HasPrefix(data, []byte{0x01, 0xf7}):
		err = recordXCOFF(&w, data)
	case isPlan9(data):
		err = recordPlan9(&w, data)
	default:
		err = errors.New("unknown file format")
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
	for off := 0; off < len(data); off += chunkSize {
		end := off + chunkSize
		if end > len(data) {
			end = len(data)
		}
		w.line("chunk", off, sum(data[off:end])[:16])
	}
	os.Stdout.WriteString(w.b.String())
}

func recordELF(w *writer, data []byte) error {
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return err
	}
	order := "le"
	if f.ByteOrder == binary.BigEndian {
		order = "be"
	}
	bits := 32
	if f.Class == elf.ELFCLASS64 {
		bits = 64
	}
	// Numbers, not Go's names for them, so that any reader can produce the same lines.
	w.line("format", "elf", bits, order, uint16(f.Machine))
	for i, p := range f.Progs {
		w.line("segment", i, hx(uint64(p.Type)), hx(uint64(p.Flags)), hx(p.Vaddr), p.Off, p.Filesz, p.Memsz, bytesHash(data, p.Off, p.Filesz))
	}
	for i, s := range f.Sections {
		if i == 0 {
			continue
		}
		h := "-"
		if s.Type != elf.SHT_NOBITS {
			h = bytesHash(data, s.Offset, s.FileSize)
		}
		w.line("section", i, s.Name, hx(uint64(s.Type)), hx(uint64(s.Flags)), hx(s.Addr), s.Offset, s.FileSize, h)
	}
	syms, err := f.Symbols()
	if errors.Is(err, elf.ErrNoSymbols) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, s := range syms {
		off, h := "-", "-"
		if int(s.Section) > 0 && int(s.Section) < len(f.Sections) {
			sec := f.Sections[s.Section]
			if sec.Type != elf.SHT_NOBITS && s.Value >= sec.Addr && sec.Addr != 0 {
				o := sec.Offset + (s.Value - sec.Addr)
				off = fmt.Sprint(o)
				if s.Size > 0 {
					h = bytesHash(data, o, s.Size)
				}
			}
		}
		w.line("symbol", s.Name, hx(s.Value), s.Size, off, fmt.Sprintf("%d/%d/%d", s.Info, s.Other, s.Section), h)
	}
	return nil
}

func recordMachO(w *writer, data []byte) error {
	f, err := macho.NewFile(bytes.NewReader(data))
	if err != nil {
		return err
	}
	w.line("format", "macho", hx(uint64(f.Magic)), hx(uint64(f.Cpu)), hx(uint64(f.Type)))
	segIndex := 0
	for _, l := range f.Loads {
		if s, ok := l.(*macho.Segment); ok {
			w.line("segment", segIndex, s.Name, fmt.Sprintf("%d/%d", s.Maxprot, s.Prot), hx(s.Addr), s.Offset, s.Filesz, s.Memsz, bytesHash(data, s.Offset, s.Filesz))
			segIndex++
		}
	}
	for i, s := range f.Sections {
		h := "-"
		if !zerofill(s) {
			h = bytesHash(data, uint64(s.Offset), s.Size)
		}
		w.line("section", i+1, s.Seg+","+s.Name, hx(uint64(s.Flags)), hx(s.Addr), s.Offset, s.Size, h)
	}
	if f.Symtab == nil {
		return nil
	}
	// Mach-O symbols have no size: a symbol extends to the next higher address
	// of a symbol in the same section, or to the end of that section.
	syms := f.Symtab.Syms
	sizes := make([]uint64, len(syms))
	bySect := map[uint8][]uint64{}
	for _, s := range syms {
		if s.Sect > 0 && s.Type&0x0e == 0x0e {
			bySect[s.Sect] = append(bySect[s.Sect], s.Value)
		}
	}
	for _, v := range bySect {
		sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
	}
	for i, s := range syms {
		if s.Sect == 0 || s.Type&0x0e != 0x0e || int(s.Sect) > len(f.Sections) {
			continue
		}
		sec := f.Sections[s.Sect-1]
		end := sec.Addr + sec.Size
		vals := bySect[s.Sect]
		j := sort.Search(len(vals), func(k int) bool { return vals[k] > s.Value })
		if j < len(vals) && vals[j] < end {
			end = vals[j]
		}
		if end > s.Value {
			sizes[i] = end - s.Value
		}
	}
	for i, s := range syms {
		off, h := "-", "-"
		if s.Sect > 0 && s.Type&0x0e == 0x0e && int(s.Sect) <= len(f.Sections) {
			sec := f.Sections[s.Sect-1]
			if !zerofill(sec) && s.Value >= sec.Addr {
				o := uint64(sec.Offset) + (s.Value - sec.Addr)
				off = fmt.Sprint(o)
				if sizes[i] > 0 {
					h = bytesHash(data, o, sizes[i])
				}
			}
		}
		w.line("symbol", s.Name, hx(s.Value), sizes[i], off, fmt.Sprintf("%d/%d/%d", s.Type, s.Desc, s.Sect), h)
	}
	return nil
}

func zerofill(s *macho.Section) bool {
	t := s.Flags & 0xff
	return t == 0x1 || t == 0xc || t == 0x12 // S_ZEROFILL, S_GB_ZEROFILL, S_THREAD_LOCAL_ZEROFILL
}

func recordPE(w *writer, data []byte) error {
	f, err := pe.NewFile(bytes.NewReader(data))
	if err != nil {
		return err
	}
	magic := uint16(0)
	switch h := f.OptionalHeader.(type) {
	case *pe.OptionalHeader32:
		magic = h.Magic
	case *pe.OptionalHeader64:
		magic = h.Magic
	}
	w.line("format", "pe", hx(uint64(f.Machine)), hx(uint64(f.Characteristics)), hx(uint64(magic)))
	for i, s := range f.Sections {
		h := "-"
		if s.Size > 0 {
			h = bytesHash(data, uint64(s.Offset), uint64(s.Size))
		}
		w.line("section", i+1, s.Name, hx(uint64(s.Characteristics)), hx(uint64(s.VirtualAddress)), s.Offset, s.Size, s.VirtualSize, h)
	}
	// COFF symbols have no size: a symbol extends to the next higher value of a
	// symbol in the same section, or to the end of that section's memory.
	bySect := map[int16][]uint32{}
	for _, s := range f.Symbols {
		if s.SectionNumber > 0 {
			bySect[s.SectionNumber] = append(bySect[s.SectionNumber], s.Value)
		}
	}
	for _, v := range bySect {
		sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
	}
	for _, s := range f.Symbols {
		size := uint64(0)
		off, h := "-", "-"
		if s.SectionNumber > 0 && int(s.SectionNumber) <= len(f.Sections) {
			sec := f.Sections[s.SectionNumber-1]
			end := uint64(sec.VirtualSize)
			vals := bySect[s.SectionNumber]
			j := sort.Search(len(vals), func(k int) bool { return vals[k] > s.Value })
			if j < len(vals) && uint64(vals[j]) < end {
				end = uint64(vals[j])
			}
			if end > uint64(s.Value) {
				size = end - uint64(s.Value)
			}
			// Bytes past the section's raw data are zero in memory, not in the file.
			if uint64(s.Value) < uint64(sec.Size) {
				o := uint64(sec.Offset) + uint64(s.Value)
				off = fmt.Sprint(o)
				if size > 0 && uint64(s.Value)+size <= uint64(sec.Size) {
					h = bytesHash(data, o, size)
				}
			}
		}
		w.line("symbol", s.Name, hx(uint64(s.Value)), size, off, fmt.Sprintf("%d/%d/%d", s.SectionNumber, s.Type, s.StorageClass), h)
	}
	return nil
}

// isPlan9 reports whether data starts with the magic of a Plan 9 executable for 386, amd64 or arm.
func isPlan9(data []byte) bool {
	if len(data) < 4 {
		return false
	}
	switch binary.BigEndian.Uint32(data) {
	case plan9obj.Magic386, plan9obj.MagicAMD64, plan9obj.MagicARM:
		return true
	}
	return false
}

func recordPlan9(w *writer, data []byte) error {
	f, err := plan9obj.NewFile(bytes.NewReader(data))
	if err != nil {
		return err
	}
	w.line("format", "plan9", hx(uint64(f.Magic)))
	text, dat := f.Section("text"), f.Section("data")
	// Text follows the header in memory as in the file; data starts at the next page,
	// which Plan 9 makes 2 MiB on amd64 (the 64-bit header) and 4 KiB elsewhere.
	page := uint64(0x1000)
	if f.PtrSize == 8 {
		page = 0x200000
	}
	textAddr := f.LoadAddress + f.HdrSize
	textEnd := textAddr + uint64(text.Size)
	dataAddr := (textEnd + page - 1) &^ (page - 1)
	dataEnd := dataAddr + uint64(dat.Size)
	bssEnd := dataEnd + uint64(f.Bss)
	w.line("segment", 0, "text", 5, hx(textAddr), text.Offset, text.Size, text.Size, bytesHash(data, uint64(text.Offset), uint64(text.Size)))
	w.line("segment", 1, "data", 6, hx(dataAddr), dat.Offset, dat.Size, uint64(dat.Size)+uint64(f.Bss), bytesHash(data, uint64(dat.Offset), uint64(dat.Size)))
	for i, s := range f.Sections {
		w.line("section", i+1, s.Name, s.Offset, s.Size, bytesHash(data, uint64(s.Offset), uint64(s.Size)))
	}
	syms, err := f.Symbols()
	if err != nil {
		return err
	}
	// Plan 9 symbols have no size: a symbol extends to the next higher address of a
	// symbol in the same segment, or to the end of that segment in memory. Read-only
	// data is in the text segment, so the segment is the one the address falls in.
	starts := [2]uint64{textAddr, dataAddr}
	ends := [2]uint64{textEnd, bssEnd}
	fileEnds := [2]uint64{textEnd, dataEnd}
	offsets := [2]uint64{uint64(text.Offset), uint64(dat.Offset)}
	segOf := func(v uint64) int {
		for k := range starts {
			if v >= starts[k] && v < ends[k] {
				return k
			}
		}
		return -1
	}
	bySeg := [2][]uint64{}
	for _, s := range syms {
		if k := segOf(s.Value); k >= 0 {
			bySeg[k] = append(bySeg[k], s.Value)
		}
	}
	for _, v := range bySeg {
		sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
	}
	for _, s := range syms {
		size := uint64(0)
		off, h := "-", "-"
		if k := segOf(s.Value); k >= 0 {
			end := ends[k]
			vals := bySeg[k]
			j := sort.Search(len(vals), func(i int) bool { return vals[i] > s.Value })
			if j < len(vals) && vals[j] < end {
				end = vals[j]
			}
			size = end - s.Value
			// Bytes past the data's file part are bss, zero in memory and absent from the file.
			if s.Value < fileEnds[k] {
				o := offsets[k] + (s.Value - starts[k])
				off = fmt.Sprint(o)
				if s.Value+size <= fileEnds[k] {
					h = bytesHash(data, o, size)
				}
			}
		}
		w.line("symbol", s.Name, hx(s.Value), size, off, string(s.Type), h)
	}
	return nil
}

var wasmSectionNames = []string{"custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"}

type wasmReader struct {
	data []byte
	pos  int
}

func (r *wasmReader) uleb() (uint64, error) {
	v, n := binary.Uvarint(r.data[r.pos:])
	if n <= 0 {
		return 0, fmt.Errorf("bad LEB128 at offset %d", r.pos)
	}
	r.pos += n
	return v, nil
}

func (r *wasmReader) name() (string, error) {
	n, err := r.uleb()
	if err != nil {
		return "", err
	}
	if r.pos+int(n) > len(r.data) {
		return "", fmt.Errorf("name past end at offset %d", r.pos)
	}
	s := string(r.data[r.pos : r.pos+int(n)])
	r.pos += int(n)
	return s, nil
}

func recordWasm(w *writer, data []byte) error {
	w.line("format", "wasm", binary.LittleEndian.Uint32(data[4:8]))
	r := &wasmReader{data: data, pos: 8}
	type body struct{ off, size uint64 }
	var bodies []body
	names := map[uint64]string{}
	imported := uint64(0)
	for index := 1; r.pos < len(data); index++ {
		id := data[r.pos]
		r.pos++
		size, err := r.uleb()
		if err != nil {
			return err
		}
		start := r.pos
		end := start + int(size)
		if end > len(data) {
			return fmt.Errorf("section %d at offset %d runs past the end", id, start)
		}
		name := fmt.Sprintf("id%d", id)
		if int(id) < len(wasmSectionNames) {
			name = wasmSectionNames[id]
		}
		switch id {
		case 0:
			n, err := r.name()
			if err != nil {
				return err
			}
			name = "custom:" + n
			if n == "name" {
				for r.pos < end {
					sub := data[r.pos]
					r.pos++
					subSize, err := r.uleb()
					if err != nil {
						return err
					}
					subEnd := r.pos + int(subSize)
					if sub == 1 {
						count, err := r.uleb()
						if err != nil {
							return err
						}
						for i := uint64(0); i < count; i++ {
							idx, err := r.uleb()
							if err != nil {
								return err
							}
							nm, err := r.name()
							if err != nil {
								return err
							}
							names[idx] = nm
						}
					}
					r.pos = subEnd
				}
			}
		case 2:
			count, err := r.uleb()
			if err != nil {
				return err
			}
			for i := uint64(0); i < count; i++ {
				if _, err := r.name(); err != nil {
					return err
				}
				if _, err := r.name(); err != nil {
					return err
				}
				kind := data[r.pos]
				r.pos++
				if kind != 0 {
					// Only the number of imported functions matters here, and Go
					// imports nothing but functions: stop at anything else.
					break
				}
				imported++
				if _, err := r.uleb(); err != nil {
					return err
				}
			}
		case 10:
			count, err := r.uleb()
			if err != nil {
				return err
			}
			for i := uint64(0); i < count; i++ {
				n, err := r.uleb()
				if err != nil {
					return err
				}
				bodies = append(bodies, body{uint64(r.pos), n})
				r.pos += int(n)
			}
		}
		w.line("section", index, name, hx(uint64(id)), start, size, sum(data[start:end]))
		r.pos = end
	}
	for i, b := range bodies {
		idx := imported + uint64(i)
		w.line("symbol", names[idx], hx(idx), b.size, b.off, "func", sum(data[b.off:b.off+b.size]))
	}
	return nil
}

// recordXCOFF reads a 64-bit XCOFF file (AIX): the file header, the section
// headers, and the symbol table with its string table.
func recordXCOFF(w *writer, data []byte) error {
	be := binary.BigEndian
	if len(data) < 24 {
		return errors.New("short XCOFF header")
	}
	nscns := int(be.Uint16(data[2:]))
	symptr := be.Uint64(data[8:])
	opthdr := int(be.Uint16(data[16:]))
	flags := be.Uint16(data[18:])
	nsyms := int(be.Uint32(data[20:]))
	w.line("format", "xcoff", hx(uint64(be.Uint16(data))), hx(uint64(flags)), opthdr)
	const styBSS = 0x80
	type section struct {
		vaddr, size, scnptr uint64
		flags               uint32
	}
	var sects []section
	for i := 0; i < nscns; i++ {
		h := slice(data, uint64(24+opthdr+72*i), 72)
		if h == nil {
			return errors.New("section headers past the end")
		}
		name := strings.TrimRight(string(h[:8]), "\x00")
		s := section{be.Uint64(h[16:]), be.Uint64(h[24:]), be.Uint64(h[32:]), be.Uint32(h[64:])}
		sects = append(sects, s)
		hash := "-"
		if s.flags&styBSS == 0 && s.scnptr != 0 {
			hash = bytesHash(data, s.scnptr, s.size)
		}
		w.line("section", i+1, name, hx(uint64(s.flags)), hx(s.vaddr), s.scnptr, s.size, hash)
	}
	if symptr == 0 || nsyms == 0 {
		return nil
	}
	strtab := slice(data, symptr+18*uint64(nsyms), 4)
	var strs []byte
	if strtab != nil {
		strs = slice(data, symptr+18*uint64(nsyms), uint64(be.Uint32(strtab)))
	}
	for i := 0; i < nsyms; {
		e := slice(data, symptr+18*uint64(i), 18)
		if e == nil {
			return errors.New("symbol table past the end")
		}
		value := be.Uint64(e)
		noff := be.Uint32(e[8:])
		scnum := int16(be.Uint16(e[12:]))
		typ := be.Uint16(e[14:])
		sclass := e[16]
		numaux := int(e[17])
		name := ""
		if int(noff) < len(strs) {
			end := bytes.IndexByte(strs[noff:], 0)
			if end >= 0 {
				name = string(strs[noff : int(noff)+end])
			}
		}
		// The size: a csect's length from its csect auxiliary entry (the last one),
		// a DWARF section symbol's from its section auxiliary entry.
		size := uint64(0)
		if numaux > 0 {
			a := slice(data, symptr+18*uint64(i+numaux), 18)
			if a != nil {
				switch a[17] {
				case 251: // AUX_CSECT
					if a[10]&7 == 1 { // XTY_SD
						size = uint64(be.Uint32(a[12:]))<<32 | uint64(be.Uint32(a))
					}
				case 250: // AUX_SECT
					size = be.Uint64(a)
				}
			}
		}
		off, hash := "-", "-"
		if scnum > 0 && int(scnum) <= len(sects) {
			s := sects[scnum-1]
			if s.flags&styBSS == 0 && s.scnptr != 0 && value >= s.vaddr {
				o := s.scnptr + value - s.vaddr
				off = fmt.Sprint(o)
				if size > 0 {
					hash = bytesHash(data, o, size)
				}
			}
		}
		w.line("symbol", name, hx(value), size, off, fmt.Sprintf("%d/%d/%d/%d", scnum, typ, sclass, numaux), hash)
		i += 1 + numaux
	}
	return nil
}
