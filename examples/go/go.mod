module example.com/battsim-example

go 1.19
