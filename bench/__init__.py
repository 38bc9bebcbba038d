"""Benchmarks against the targets of DESIGN §10. Run `python -m bench --help`."""
