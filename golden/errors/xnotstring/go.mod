module golink.dev/errors/xnotstring

go 1.19
