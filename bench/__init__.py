"""Benchmarks (reproducible commands; figures go to docs/)."""
