#!/usr/bin/env bash
# check-host.sh GO OUTPUT VERSION: builds the example for linux/amd64 with `go build` and the
# settings of pom.xml, requires golink's OUTPUT to be the same bytes, then runs it.
set -euo pipefail
go=$1 ours=$2 version=$3
here=$(cd "$(dirname "$0")" && pwd)
ref=$here/target/go-build/hello-linux-amd64
mkdir -p "$(dirname "$ref")"
(cd "$here/src/main/go" && GOOS=linux GOARCH=amd64 CGO_ENABLED=0 GOFLAGS=-trimpath \
	"$go" build -ldflags="-X main.version=$version" -o "$ref" .)
cmp "$ours" "$ref"
echo "$ours: identical to go build's $ref"
if [ "$(uname -s)/$(uname -m)" = Linux/x86_64 ]; then
	"$ours"
fi
