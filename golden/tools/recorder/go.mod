module golink.dev/tools/recorder

go 1.19
