# Sourced by regenerate.sh: the error-parity cases of golden/errors, programs
# cmd/link refuses. record_errors GOOS GOARCH NAME STAGE builds each for the
# target, links it with cmd/link as regenerate.sh links the corpus (plus the
# case's flags file, one argument a line, if any), and writes
# targets/NAME/errors.tar.xz: per case <case>/importcfg.link, <case>/link.args,
# <case>/status (cmd/link's exit status), <case>/stderr and <case>/stdout (what
# it printed there), and the archives that are not
# already in the target's inputs.tar.xz (STAGE/pkg), under pkg/.

record_errors() {
	local goos=$1 goarch=$2 name=$3 stage=$4
	local out=$scratch/$name/errors
	mkdir -p "$out/pkg"
	local errsrc=/tmp/golink-errors
	rm -rf "$errsrc" && mkdir -p "$errsrc" && cp -r "$here/errors/." "$errsrc/"
	local dir prog log work line pkg path hash linkline main
	for dir in "$here"/errors/*/; do
		prog=$(basename "$dir")
		log=$scratch/$name-err-$prog.log
		# The link step fails, so go build does; its -x log still has the link line.
		(cd "$errsrc/$prog" && GOOS=$goos GOARCH=$goarch go build -x -work -buildvcs=false -o "$scratch/$name-err-$prog.out" . 2>"$log") || true
		work=$(sed -n 's/^WORK=//p' "$log" | head -1)
		linkline=$(grep -F "$linker -o " "$log" | tail -1) || { echo "$name $prog: go build did not reach the link step" >&2; cat "$log" >&2; exit 1; }
		mkdir -p "$out/$prog"
		main=
		while IFS= read -r line; do
			case "$line" in
			packagefile\ *)
				pkg=${line#packagefile }
				path=${pkg#*=} path=${path//\$WORK/$work}
				hash=$(sha256sum "$path" | cut -c1-16)
				[ -e "$stage/pkg/$hash.a" ] || { cp "$path" "$out/pkg/$hash.a" && chmod 0644 "$out/pkg/$hash.a"; }
				echo "packagefile ${pkg%%=*}=pkg/$hash.a"
				[ "${pkg%%=*}" = "golink.dev/errors/$prog" ] && main=pkg/$hash.a
				;;
			*) echo "$line" ;;
			esac
		done <"$work/b001/importcfg.link" >"$out/$prog/importcfg.link"
		{
			printf '%s\n' -o a.out -importcfg "$prog/importcfg.link"
			for arg in ${linkline#"$linker"}; do
				case "$arg" in
				-o | -importcfg | \$WORK/* | /*) ;;
				-buildid=*) echo "-buildid=$buildid" ;;
				*) echo "$arg" ;;
				esac
			done
			[ -f "$dir/flags" ] && cat "$dir/flags"
			echo "$main"
		} >"$out/$prog/link.args"
		chmod -R u+w "$work" && rm -rf "$work"
		# Link as the corpus is linked: in a copy of the inputs, with only the target's variables.
		local run=$scratch/errrun
		rm -rf "$run" && mkdir -p "$run" && cp -r "$stage/." "$out/." "$run/"
		local -a args
		mapfile -t args <"$out/$prog/link.args"
		local status=0
		# shellcheck disable=SC2046
		(cd "$run" && env -i PATH=/usr/bin:/bin HOME=/nonexistent $(cat env) "$linker" "${args[@]}") \
			>"$out/$prog/stdout" 2>"$run/stderr" || status=$?
		# log.Fatalf's lines start with the time, Exitf's with the linker's path: keep the
		# records independent of both (the conformance suite reads golink's "golink: " as "link: ").
		sed -E -e 's|^[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} |YYYY/MM/DD hh:mm:ss |' \
			-e "s|^$linker: |link: |" "$run/stderr" >"$out/$prog/stderr"
		if [ "$status" = 0 ]; then
			# Not an error for this target (js/wasm has no stack check): no case.
			echo "$name $prog: cmd/link links it, not recorded" >&2
			rm -rf "${out:?}/$prog"
			continue
		fi
		echo "$status" >"$out/$prog/status"
	done
	pack "$out" "$here/targets/$name/errors.tar.xz"
}
