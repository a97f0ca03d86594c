"""Ingestion: Kafka and JSON Lines sources into the immutable bronze event log."""
