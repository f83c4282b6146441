module golink.dev/tools/sortvectors

go 1.19
