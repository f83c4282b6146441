module golink.dev/errors/exemode

go 1.19
