"""Ingestion: Kafka and JSON Lines sources into the immutable bronze event log.

producer      publish_lines(): JSON Lines → Kafka, keyed by case_id (`trappe produce`)
file_source   ingest_file(): a JSON Lines file → bronze (`trappe ingest --from`)
kafka_source  KafkaIngest: a consumer-group member → bronze (`trappe ingest --kafka`)
ingestor      what both share: validate, batch, dedupe, dead-letter, count, run record
checking      the contract's validate_lines over chunks, inline or in worker processes
store         Delta appends: dead letters, then bronze with the source positions (commit point)
dedupe        the event-id index (64-bit hashes, confirmed exactly against bronze)
bronze        the bronze and dead-letter schemas (Delta tables) and table builders
kafka_client  the seam to the Kafka client library (kafka-python today)
local_broker  a local Apache Kafka broker (one KRaft node) for development and tests
"""
