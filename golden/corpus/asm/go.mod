module golink.dev/corpus/asm

go 1.19
