module golink.dev/errors/nosplit

go 1.19
