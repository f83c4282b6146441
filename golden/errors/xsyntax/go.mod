module golink.dev/errors/xsyntax

go 1.19
