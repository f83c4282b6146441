module golink.dev/undef/many

go 1.19
