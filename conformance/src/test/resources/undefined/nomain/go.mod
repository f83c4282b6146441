module golink.dev/undef/nomain

go 1.19
