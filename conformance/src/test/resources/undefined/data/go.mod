module golink.dev/undef/data

go 1.19
