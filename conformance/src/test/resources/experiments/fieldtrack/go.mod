module example.com/ft

go 1.19
