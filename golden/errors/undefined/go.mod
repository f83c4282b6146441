module golink.dev/errors/undefined

go 1.19
