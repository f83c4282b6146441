#!/bin/sh
# The -toolexec of golink-maven-plugin's go builds: every Go tool runs as usual except
# the linker, whose runs (-V=full included) golink serves, in the Maven JVM or in the
# user's link server. A request is a folder in a private spool folder ($GOLINK_SPOOL,
# mode 0700): the arguments and the linker's environment, NUL-separated, and the working
# folder. $GOLINK_PROGRESS (the build's own folder) records each package compiled and
# each link, for the goal's log.
case "${1##*/}" in
link | link.exe) ;;
compile | compile.exe)
	# One line per package compiled, for the goal's progress report.
	case " $* " in
	*" -V=full "*) ;;
	*) printf '%s\n' "${TOOLEXEC_IMPORTPATH:-}" >>"${GOLINK_PROGRESS:?}/compiled-${GOOS:-}-${GOARCH:-}" ;;
	esac
	exec "$@"
	;;
*) exec "$@" ;;
esac
spool=${GOLINK_SPOOL:?golink-toolexec runs under golink-maven-plugin only}
shift
# The goal's <sizeReport>: golink's own flag, which leaves the output as it is.
case " $* " in
*" -V=full "* | *" -V "*) ;;
*) [ -n "${GOLINK_SIZEREPORT:-}" ] && set -- "-sizereport=$GOLINK_SIZEREPORT" "$@" ;;
esac
req=$spool/$$
mkdir "$req.tmp" || exit 1
printf '%s\0' "$@" >"$req.tmp/args"
for name in GOOS GOARCH GOROOT GOROOT_FINAL GOARM GO386 GOAMD64 GOMIPS GOMIPS64 GOPPC64 GOWASM GOEXPERIMENT; do
	eval "isset=\${$name+x} value=\${$name-}"
	[ -n "$isset" ] && printf '%s=%s\0' "$name" "$value"
done >"$req.tmp/env"
pwd >"$req.tmp/cwd"
mv "$req.tmp" "$req.req" || exit 1
while [ ! -f "$req.req/status" ]; do
	if [ ! -d "$spool" ] || { [ -n "${GOLINK_SERVER_PID:-}" ] && ! kill -0 "$GOLINK_SERVER_PID" 2>/dev/null; }; then
		echo "golink: the server that was to run this link has ended" >&2
		rm -rf "$req.req"
		exit 1
	fi
	sleep 0.01
done
case " $* " in
*" -V=full "* | *" -V "*) ;;
*) echo link >>"$GOLINK_PROGRESS/linked-${GOOS:-}-${GOARCH:-}" ;;
esac
cat "$req.req/stdout"
cat "$req.req/stderr" >&2
status=$(cat "$req.req/status")
rm -rf "$req.req"
exit "$status"
