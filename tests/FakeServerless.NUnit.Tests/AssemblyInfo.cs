// More workers than the machine's cores, so the parallel fixtures really overlap on their shared server.
[assembly: LevelOfParallelism(4)]
