"""Bronze and ingestion: every record accounted for, envelopes whole, no CPR anywhere."""
