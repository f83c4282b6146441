#!/usr/bin/env bash
# benchmark.sh [ROUNDS [MAVEN OPTIONS...]]: `mvn package` of this example (a fresh Maven JVM, all its targets)
# against `go build` of the same targets with the same settings, one after another. Both start
# from a warm Go build cache (one build of each first), and both link every target: the goal's
# outputs are removed before each round, go build writes to fresh paths. Prints medians and
# ratios. Needs `./mvnw install -DskipTests` first, and Go 1.19.8.
set -euo pipefail
rounds=${1:-5}
shift || true
mvn_opts=("$@")
here=$(cd "$(dirname "$0")" && pwd)
mvnw=$here/../../mvnw
go=${GO:-/usr/lib/go-1.19/bin/go}
targets="linux/amd64 linux/386 linux/arm linux/arm64 linux/mips linux/mipsle linux/mips64 linux/mips64le linux/ppc64 linux/ppc64le linux/riscv64 linux/loong64 linux/s390x darwin/amd64 darwin/arm64 js/wasm windows/amd64 windows/386 windows/arm64 windows/arm"
count=$(wc -w <<<"$targets")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

gobuild_all() {
	for t in $targets; do
		(cd "$here/src/main/go" && GOOS=${t%/*} GOARCH=${t#*/} CGO_ENABLED=0 GOFLAGS=-trimpath \
			"$go" build -ldflags="-X main.version=1.0" -o "$1/hello-${t/\//-}" .)
	done
}

mvn_package() {
	rm -rf "$here/target/golink"
	"$mvnw" -B -ntp -o -f "$here/pom.xml" package -Dexec.skip "${mvn_opts[@]}" >"$scratch/mvn.log" 2>&1 ||
		{ cat "$scratch/mvn.log"; exit 1; }
}

# Warm Go's build cache for every target, and Maven's local repository.
gobuild_all "$scratch/warm"
mvn_package

for ((i = 1; i <= rounds; i++)); do
	s=$(now); mvn_package; e=$(now)
	echo "$e - $s" | bc >>"$scratch/mvn"
	grep -o "built $count targets in [0-9.]* s" "$scratch/mvn.log" | awk '{print $5}' >>"$scratch/goal"
	mkdir "$scratch/go$i"
	s=$(now); gobuild_all "$scratch/go$i"; e=$(now)
	echo "$e - $s" | bc >>"$scratch/go"
	for t in $targets; do
		f=hello-${t/\//-}
		ours=$here/target/golink/hello-1.0-${t/\//-}
		[ "$t" = js/wasm ] && ours=$ours.wasm
		case $t in windows/*) ours=$ours.exe ;; esac
		cmp -s "$ours" "$scratch/go$i/$f" || { echo "DIFFERENT: $t" >&2; exit 1; }
	done
done
mvn=$(median <"$scratch/mvn")
goal=$(median <"$scratch/goal")
gob=$(median <"$scratch/go")
printf 'all %d outputs identical to go build in every round (%d rounds, medians)\n' "$count" "$rounds"
printf 'go build, %d targets one after another:  %6.2f s\n' "$count" "$gob"
printf 'mvn package (fresh JVM), whole command:   %6.2f s  ratio %.2fx\n' "$mvn" "$(echo "$mvn / $gob" | bc -l)"
printf 'the golink:link goal alone:               %6.2f s  ratio %.2fx\n' "$goal" "$(echo "$goal / $gob" | bc -l)"
