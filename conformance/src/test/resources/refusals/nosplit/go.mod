module nosplit

go 1.19
