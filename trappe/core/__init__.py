"""The core every other layer builds on: settings, storage, time, errors, the KPI catalogue.

Nothing here imports another trappe layer (import-linter enforces it: `make check`).
"""
