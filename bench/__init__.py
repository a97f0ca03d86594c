"""Benchmarks: run each as `python -m bench.<script>` from the project root (`make bench`)."""
