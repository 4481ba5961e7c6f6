//! Generated reports for benchmarks and soak tests. (Being written: see the benchmark task.)
