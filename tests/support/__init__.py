"""Helpers the tests (and the benchmarks) share: generators of events, lakes and warehouses."""
