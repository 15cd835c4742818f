"""Benchmarks of coop-kg (issue 5): a generator of realistic articles and a runner of the measurements.

    python -m benchmarks.generate 1000 /tmp/articles
    python -m benchmarks.run --quick
"""
