"""The benchmarks of issue 10: `python -m bench` (or `make bench`) against PostgreSQL."""
