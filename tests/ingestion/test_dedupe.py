"""The event-id index: hashes to find candidates, bronze itself to confirm them."""
from __future__ import annotations

import numpy as np

import eventgen
from ingestion import dedupe
from ingestion.dedupe import EventIdIndex
from ingestion.file_source import ingest_file


def _lake_with(lake, tmp_path, events):
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"\n".join(eventgen.to_lines(events)))
    ingest_file(lake, path)


def test_known_ids_are_found_in_bronze_and_new_ones_are_not(lake, tmp_path):
    events = eventgen.valid_events(200, seed=1)
    _lake_with(lake, tmp_path, events)
    index = EventIdIndex(lake.bronze_dir)
    assert len(index) == 200
    old = [e["event_id"] for e in events[:5]]
    assert index.known(old + ["new-1", "new-2"]) == set(old)


def test_a_hash_collision_never_makes_a_new_event_a_duplicate(lake, tmp_path, monkeypatch):
    events = eventgen.valid_events(50, seed=2)
    _lake_with(lake, tmp_path, events)
    # the worst hash there is: every id collides with every other
    monkeypatch.setattr(dedupe, "hash_ids", lambda ids: np.zeros(len(ids), dtype=np.uint64))
    index = EventIdIndex(lake.bronze_dir)
    assert index.known(["brand-new", events[3]["event_id"]]) == {events[3]["event_id"]}


def test_ids_added_during_a_run_are_merged_into_the_sorted_index(lake, tmp_path, monkeypatch):
    monkeypatch.setattr(dedupe, "MERGE_EVERY", 10)
    events = eventgen.valid_events(30, seed=4)
    index = EventIdIndex(lake.bronze_dir)  # an empty lake
    _lake_with(lake, tmp_path, events)  # now bronze holds them, as after a committed batch
    ids = [e["event_id"] for e in events]
    index.add(ids[:25])
    assert len(index._sorted) == 25 and not index._recent
    index.add(ids[25:])
    assert index.known(ids + ["new"]) == set(ids)
