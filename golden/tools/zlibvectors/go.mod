module golink.dev/tools/zlibvectors

go 1.19
