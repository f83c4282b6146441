module golink.dev/dynimport/dataptr

go 1.19
