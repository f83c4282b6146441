#!/usr/bin/env bash
# unpack-golden.sh GOLDEN OUT TARGET...: unpacks the golden link inputs of `hello`
# for each target (goos-goarch) into OUT/<target>: its importcfg with absolute
# archive paths, the main archive as main.a, and cmd/link's own output
# (hello.default.out) to compare with.
set -euo pipefail
golden=$(cd "$1" && pwd)
out=$2
shift 2
for t in "$@"; do
	dir=$out/$t
	mkdir -p "$dir"
	tar -xJf "$golden/targets/$t/inputs.tar.xz" -C "$dir"
	tar -xJf "$golden/targets/$t/reference.tar.xz" -C "$dir" ./hello.default.out
	cp "$dir/$(grep -v '^$' "$dir/hello/link.args" | tail -1)" "$dir/main.a"
	sed -i "s#^\(packagefile [^=]*=\)pkg/#\1$(cd "$dir" && pwd)/pkg/#" "$dir/hello/importcfg.link"
done
