module golink.dev/corpus/features

go 1.19
