"""The event-id index: hashes to find candidates, bronze's own data files to confirm them."""

from __future__ import annotations

import os

import numpy as np

from ingestion import dedupe
from ingestion.dedupe import EventIdIndex
from ingestion.file_source import ingest_file
from tests.support import eventgen
from trappe.core import lakehouse


def _files(lake) -> list[str]:
    """Bronze's data files, as the Delta table lists them."""
    table = lakehouse.open_table(lake.bronze_dir)
    return [] if table is None else sorted(lakehouse.data_files(table))


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
    assert index.known([*old, "new-1", "new-2"]) == set(old)


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
    files = _files(lake)
    ids = [e["event_id"] for e in events]
    index.add(ids[:25], files)
    assert len(index._sorted) == 25 and not index._recent
    index.add(ids[25:], files)
    assert index.known([*ids, "new"]) == set(ids)


def test_a_duplicate_is_confirmed_in_the_file_that_holds_it_not_in_all_of_bronze(
    lake, tmp_path, monkeypatch
):
    events = eventgen.valid_events(300, seed=6)
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"\n".join(eventgen.to_lines(events)))
    ingest_file(lake, path, batch_records=100)
    files = _files(lake)
    assert len(files) == 3
    read: list[list[str]] = []
    dataset = dedupe.ds.dataset
    monkeypatch.setattr(
        dedupe.ds, "dataset", lambda paths, **kw: read.append(sorted(paths)) or dataset(paths, **kw)
    )
    index = EventIdIndex(lake.bronze_dir)
    second_file_id = dedupe.pq.read_table(files[1], columns=["event_id"]).column(0)[7].as_py()
    assert index.known([second_file_id, "new"]) == {second_file_id}
    assert read == [[files[1]]]


def test_ids_sharing_a_hash_across_files_added_in_one_run_are_all_found(
    lake, tmp_path, monkeypatch
):
    events = eventgen.valid_events(40, seed=8)
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"\n".join(eventgen.to_lines(events)))
    ingest_file(lake, path, batch_records=20)
    files = _files(lake)
    by_file = [dedupe.pq.read_table(f, columns=["event_id"]).column(0).to_pylist() for f in files]
    monkeypatch.setattr(dedupe, "hash_ids", lambda ids: np.zeros(len(ids), dtype=np.uint64))
    index = EventIdIndex(lake.bronze_dir.parent / "nothing-yet")
    for ids, file in zip(by_file, files):
        index.add(ids, [file])
    assert index.known([by_file[0][0], by_file[1][0], "new"]) == {by_file[0][0], by_file[1][0]}


def test_a_batch_is_confirmed_in_the_files_its_commit_added(lake, tmp_path, monkeypatch):
    """During a run the index learns each batch's files from the table, not from a name."""
    events = eventgen.valid_events(300, seed=9)
    first, second = tmp_path / "first.jsonl", tmp_path / "again.jsonl"
    first.write_bytes(b"\n".join(eventgen.to_lines(events[:200])))
    # the second file repeats the first batch's events after new ones: duplicates by event_id
    second.write_bytes(b"\n".join(eventgen.to_lines([*events[200:], *events[:100]])))
    ingest_file(lake, first, batch_records=100)
    read: list[list[str]] = []
    dataset = dedupe.ds.dataset
    monkeypatch.setattr(
        dedupe.ds, "dataset", lambda paths, **kw: read.append(sorted(paths)) or dataset(paths, **kw)
    )
    _, counts = ingest_file(lake, second, batch_records=100)
    assert (counts.written, counts.duplicates) == (100, 100)
    files = set(_files(lake))
    assert read and all(set(paths) <= files for paths in read)
    assert all(len(paths) == 1 for paths in read)  # the file that holds them, not all of bronze


def test_a_file_removed_by_compaction_and_vacuum_falls_back_to_the_snapshot(lake, tmp_path):
    events = eventgen.valid_events(60, seed=10)
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"\n".join(eventgen.to_lines(events)))
    ingest_file(lake, path, batch_records=20)
    index = EventIdIndex(lake.bronze_dir)
    table = lakehouse.open_table(lake.bronze_dir)
    old = set(_files(lake))
    table.optimize.compact()
    table.vacuum(retention_hours=0, enforce_retention_duration=False, dry_run=False)
    assert not any(map(os.path.exists, old))
    assert index.known([events[0]["event_id"], "new"]) == {events[0]["event_id"]}
