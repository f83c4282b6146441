module golink.dev/undef/abi0

go 1.19
