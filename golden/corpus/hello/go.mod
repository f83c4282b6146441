module golink.dev/corpus/hello

go 1.19
