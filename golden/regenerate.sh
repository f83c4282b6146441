#!/usr/bin/env bash
# Rebuilds everything under golden/targets from the corpus sources with Go 1.19.8:
# the link inputs that `go build` hands to the linker, and the record of
# `cmd/link`'s output for every (program, target, variant). See golden/README.md.
# Running it twice gives identical files.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
export PATH=/usr/lib/go-1.19/bin:$PATH
if ! command -v go >/dev/null || [ "$(go env GOVERSION 2>/dev/null)" != go1.19.8 ]; then
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq && apt-get install -y -qq golang-1.19-go golang-1.19-src >/dev/null
	fi
fi
[ "$(go env GOVERSION)" = go1.19.8 ] || { echo "regenerate.sh: needs Go 1.19.8 (apt-get install golang-1.19-go)" >&2; exit 1; }
goroot=$(go env GOROOT)
linker=$(go env GOTOOLDIR)/link

# A target is GOOS/GOARCH with the reference toolchain's defaults, or
# GOOS/GOARCH@VAR=value: the same with one variable of the environment set (a
# variant of the compiled code or of the headers), stored as targets/GOOS-GOARCH@VAR=value.
targets="linux/amd64 linux/amd64@GOAMD64=v2 linux/amd64@GOAMD64=v3 linux/amd64@GOAMD64=v4
linux/386 linux/386@GO386=sse2
linux/arm linux/arm@GOARM=6 linux/arm@GOARM=7
linux/arm64
linux/mips linux/mips@GOMIPS=softfloat linux/mipsle linux/mipsle@GOMIPS=softfloat
linux/mips64 linux/mips64@GOMIPS64=softfloat linux/mips64le linux/mips64le@GOMIPS64=softfloat
linux/ppc64 linux/ppc64@GOPPC64=power9 linux/ppc64le linux/ppc64le@GOPPC64=power9
linux/riscv64 linux/loong64 linux/s390x darwin/amd64 darwin/arm64
js/wasm js/wasm@GOWASM=satconv,signext
freebsd/386 freebsd/amd64 freebsd/arm freebsd/arm64 netbsd/386 netbsd/amd64 netbsd/arm netbsd/arm64 dragonfly/amd64 openbsd/mips64
openbsd/amd64 openbsd/arm64 openbsd/386 openbsd/arm
windows/amd64 windows/386 windows/arm64 windows/arm
aix/ppc64
solaris/amd64 illumos/amd64
plan9/amd64 plan9/386 plan9/arm
ios/amd64 android/arm64"
# GOLINK_TARGETS rebuilds only the targets it names (e.g. a newly added one);
# the zlib vectors, made from linux/amd64's archives, are then rebuilt only with it.
targets=${GOLINK_TARGETS:-$targets}
programs="hello features asm"
buildid=golink-conformance/golden
# Whole reference files are kept for these variants of hello (small enough).
keep_whole="default sw"

scratch=$(mktemp -d /tmp/golink-regen.XXXXXX)
trap 'chmod -R u+w "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT
# Sources are built from one fixed directory so that the paths the compiler
# records do not depend on where this repository is checked out.
srcroot=/tmp/golink-corpus
rm -rf "$srcroot" && mkdir -p "$srcroot" && cp -r "$here/corpus/." "$srcroot/"
export GOCACHE=${GOLINK_GOCACHE:-$scratch/gocache} GOFLAGS= GOPROXY=off GOWORK=off CGO_ENABLED=0 GO111MODULE=on

(cd "$here/tools/recorder" && go build -o "$scratch/recorder" .)

pack() { # pack DIR FILE: a tar.xz whose bytes depend only on DIR's contents
	tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu -C "$1" -cf - . | xz -9 -T1 -c >"$2.tmp"
	mv "$2.tmp" "$2"
}

# The error-parity cases (golden/errors): record_errors.
. "$here/errors.sh"

while read -r variant flags; do variants+=("$variant"); done < "$here/variants.txt"

for target in $targets; do
	setting= # VAR=value of a variant, else empty
	case "$target" in *@*) setting=${target#*@} target=${target%%@*} ;; esac
	goos=${target%/*} goarch=${target#*/}
	name=$goos-$goarch${setting:+@$setting}
	# go build makes ios executables position-independent, which cmd/link links only
	# externally; -buildmode=exe is their internal link.
	case "$goos" in ios) export GOFLAGS=-buildmode=exe ;; *) export GOFLAGS= ;; esac
	# The variant's variable is set for go env, go build and so, through env, cmd/link.
	if [ -n "$setting" ]; then export "${setting?}"; fi
	echo "== $name"
	stage=$scratch/$name/inputs records=$scratch/$name/records whole=$scratch/$name/reference
	mkdir -p "$stage/pkg" "$records" "$whole"
	# The environment that changes the linker's output, as `go env` reports it for the target.
	{
		echo "GOOS=$goos"
		echo "GOARCH=$goarch"
		echo "GOROOT=$goroot"
		for v in GOARM GO386 GOAMD64 GOMIPS GOMIPS64 GOPPC64 GOWASM; do
			val=$(GOOS=$goos GOARCH=$goarch go env $v)
			case "$v/$goarch" in GOARM/arm | GO386/386 | GOAMD64/amd64 | GOMIPS/mips* | GOMIPS64/mips64* | GOPPC64/ppc64* | GOWASM/wasm)
				[ -n "$val" ] && echo "$v=$val" ;;
			esac
		done
	} >"$stage/env"
	for prog in $programs; do
		log=$scratch/$name-$prog.log
		(cd "$srcroot/$prog" && GOOS=$goos GOARCH=$goarch go build -x -work -buildvcs=false -o "$scratch/$name-$prog.out" . 2>"$log")
		work=$(sed -n 's/^WORK=//p' "$log" | head -1)
		mkdir -p "$stage/$prog"
		# The archives, named by content so that programs share them.
		while IFS= read -r line; do
			case "$line" in
			packagefile\ *)
				pkg=${line#packagefile }
				path=${pkg#*=} path=${path//\$WORK/$work}
				hash=$(sha256sum "$path" | cut -c1-16)
				cp "$path" "$stage/pkg/$hash.a"
				chmod 0644 "$stage/pkg/$hash.a"
				echo "packagefile ${pkg%%=*}=pkg/$hash.a"
				[ "${pkg%%=*}" = "golink.dev/corpus/$prog" ] && echo "pkg/$hash.a" >"$scratch/main"
				;;
			*) echo "$line" ;;
			esac
		done <"$work/b001/importcfg.link" >"$stage/$prog/importcfg.link"
		# The link flags go build used, with the output, importcfg, build ID and
		# main archive replaced by the stored ones.
		linkline=$(grep -F "$linker -o " "$log" | tail -1)
		{
			printf '%s\n' -o a.out -importcfg "$prog/importcfg.link"
			for arg in ${linkline#"$linker"}; do
				case "$arg" in
				-o | -importcfg | \$WORK/* | /*) ;; # replaced: output, importcfg, main archive
				-buildid=*) echo "-buildid=$buildid" ;;
				*) echo "$arg" ;;
				esac
			done
			cat "$scratch/main"
		} >"$stage/$prog/link.args"
		chmod -R u+w "$work" && rm -rf "$work"
	done
	# Link every case twice, from two different folders, to prove the output
	# depends only on the stored inputs; then record it.
	for prog in $programs; do
		for v in "${variants[@]}"; do
			flags=$(awk -v v="$v" '$1 == v { $1 = ""; print }' "$here/variants.txt")
			for run in 1 2; do
				dir=$scratch/run$run
				rm -rf "$dir" && mkdir -p "$dir" && cp -r "$stage/." "$dir/"
				mapfile -t args <"$stage/$prog/link.args"
				last=${args[-1]}
				unset 'args[-1]'
				# shellcheck disable=SC2086
				(cd "$dir" && env -i PATH=/usr/bin:/bin HOME=/nonexistent $(cat env) "$linker" "${args[@]}" $flags "$last")
			done
			cmp -s "$scratch/run1/a.out" "$scratch/run2/a.out" || { echo "$name $prog $v: cmd/link is not deterministic here" >&2; exit 1; }
			if [ "$v" = default ]; then
				# The dead-code dependency edges, as -dumpdep prints them (issue 3's oracle).
				# shellcheck disable=SC2086
				(cd "$scratch/run2" && env -i PATH=/usr/bin:/bin HOME=/nonexistent $(cat env) "$linker" -dumpdep "${args[@]}" $flags "$last") >"$records/$prog.dumpdep"
			fi
			"$scratch/recorder" "$scratch/run1/a.out" >"$records/$prog.$v.record"
			if [ "$prog" = hello ] && [[ " $keep_whole " == *" $v "* ]]; then
				cp "$scratch/run1/a.out" "$whole/$prog.$v.out"
				chmod 0644 "$whole/$prog.$v.out"
			fi
		done
	done
	mkdir -p "$here/targets/$name"
	record_errors "$goos" "$goarch" "$name" "$stage"
	pack "$stage" "$here/targets/$name/inputs.tar.xz"
	pack "$records" "$here/targets/$name/records.tar.xz"
	pack "$whole" "$here/targets/$name/reference.tar.xz"
	du -b "$here/targets/$name"/* | sed 's|'"$here/"'||'
	if [ -n "$setting" ]; then unset "${setting%%=*}"; fi
done
# Test vectors for golink's zlib encoder: what Go's compress/zlib writes at BestSpeed
# (cmd/link's DWARF compression) for synthetic inputs and for linux/amd64's archives.
if [ -d "$scratch/linux-amd64/inputs" ]; then
	(cd "$here/tools/zlibvectors" && go build -o "$scratch/zlibvectors" .)
	(cd "$scratch/linux-amd64/inputs" && "$scratch/zlibvectors" $(for a in pkg/*.a; do echo "linux-amd64:$a=$a"; done)) >"$here/zlib-vectors.txt"
fi
# Test vectors for golink's port of sort.Sort: where Go 1.19 leaves equal keys.
(cd "$here/tools/sortvectors" && go run .) >"$here/sort-vectors.txt"
du -sh "$here"
