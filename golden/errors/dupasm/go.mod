module golink.dev/errors/dupasm

go 1.19
