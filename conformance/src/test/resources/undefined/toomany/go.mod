module golink.dev/undef/toomany

go 1.19
