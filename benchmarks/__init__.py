"""Benchmarks: `python -m benchmarks --help` (sections: pipeline, then every other module with `run() -> dict`)."""
