"""trappe: an event-sourced data platform for municipal children's social services."""

__version__ = "0.1.0"
