module golink.dev/undef/abiint

go 1.19
