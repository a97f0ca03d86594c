"""Validation in bulk (`validate_lines`, `check_chunk`) says of every record what
`validate_line` says of it alone, and gives bronze the same rows."""

from __future__ import annotations

import copy
import json
import random
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from pydantic import ValidationError

from ingestion.bronze import Coordinates, checked_table, stamp_ingestion
from ingestion.checking import Checker, Chunk, check_chunk
from ingestion.dedupe import EVERY_FILE, EventIdIndex
from tests.ingestion.test_no_cpr_in_lake import poisoned_lines
from tests.support import eventgen
from trappe.contract import Rejection, ValidEvent, validate_line
from trappe.contract.cpr import DEMO_KEY
from trappe.contract.models import PAYLOADS, Envelope
from trappe.contract.validator import (
    _ENVELOPE,
    _PAYLOAD_CHECKS,
    MAX_DEPTH,
    MAX_LINE_BYTES,
    validate_lines,
)

NOW = datetime(2026, 12, 2, 12, tzinfo=UTC)
ODD_VALUES: list[Any] = [
    None, True, 0, -1, 7, 1.5, 1e400, "", "x", "123", "2020-01-01", "2020-01-01T10:00:00",
    "2020-01-01T10:00:00Z", "2020-13-01", "1899-12-31", "2999-01-01T00:00:00+05:00",
    "0101901234", [], {}, {"a": 1},
]  # fmt: skip


def _mutants(events: list[dict], n: int, seed: int = 11) -> list[dict]:
    """Valid events with a field (of the envelope or the payload) removed, added or changed."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        event = copy.deepcopy(rng.choice(events))
        where = event["payload"] if rng.random() < 0.4 else event
        key = rng.choice([*where, "extra", "cpr", "recorded_at", "birth_month"])
        if rng.random() < 0.3:
            where.pop(key, None)
        else:
            where[key] = rng.choice(ODD_VALUES)
        out.append(event)
    return out


def _lines() -> list[bytes | None]:
    events = eventgen.valid_events(400, seed=3)
    template = next(e for e in events if e["event_type"] == "notification.received")
    odd: list[bytes | None] = [
        None,  # a Kafka tombstone
        b"",
        b"\xef\xbb\xbf" + eventgen.to_lines(events[:1])[0],  # a byte-order mark
        b'{"a": NaN}',
        b'{"a": 1} {"b": 2}',
        b"[" * (MAX_DEPTH + 2),
        b'{"event_id": "big", "payload": "' + b"x" * MAX_LINE_BYTES + b'"}',
        b'{"n": ' + b"9" * 30 + b"}",
        b'{"event_id": "e", "s": "\\ud800"}',
        b'{"event_id": "e", "s": "\\u0030101901234"}',
        json.dumps({**events[0], "payload": {**events[0]["payload"], "x": 1.02e9}}).encode(),
    ]
    return [
        *eventgen.to_lines(events),
        *(line for line, _, _ in eventgen.bad_records(template)),
        *poisoned_lines()[0],
        *eventgen.to_lines(_mutants(events, 1500)),
        *odd,
    ]


def test_validate_lines_says_what_validate_line_says_of_each_record():
    lines = _lines()
    rows = validate_lines(lines, key=DEMO_KEY, ingested_at=NOW)
    assert len(rows) == len(lines)
    kinds = set()
    for line, row in zip(lines, rows, strict=True):
        alone = validate_line(line, key=DEMO_KEY, ingested_at=NOW)
        if isinstance(alone, Rejection):
            assert row == alone, line
            kinds.add(alone.code)
        else:
            assert isinstance(alone, ValidEvent)
            fields = [getattr(alone, f) for f in alone.__dataclass_fields__]
            assert row == (*fields[:-1], alone.payload_json), line
            kinds.add("valid")
    # the lines reach every outcome the contract has but an unsupported schema version
    assert len(kinds) >= 14, kinds


def test_the_envelope_and_payload_checks_are_the_models_own():
    """The checks that make no model instance accept and refuse what the models do, with the
    same first error."""
    events = eventgen.valid_events(300, seed=5)
    for event in [*events, *_mutants(events, 3000, seed=13)]:
        checks = [(Envelope.model_validate, _ENVELOPE.validate_python, event)]
        model = PAYLOADS.get(str(event.get("event_type")))
        if model is not None and isinstance(event.get("payload"), dict):
            check = _PAYLOAD_CHECKS[event["event_type"]]
            checks.append((model.model_validate, check, event["payload"]))
        for by_model, by_check, value in checks:
            outcomes = []
            for check in (by_model, by_check):
                try:
                    check(value)
                    outcomes.append(None)
                except ValidationError as exc:
                    error = exc.errors(include_url=False)[0]
                    outcomes.append((error["type"], error["loc"], error["msg"]))
            assert outcomes[0] == outcomes[1], event


def test_a_checked_chunk_is_the_table_of_the_valid_events_alone():
    lines = _lines()
    chunk = Chunk(
        Coordinates.kafka("t", 1, 100),
        lines,
        list(range(100, 100 + 2 * len(lines), 2)),
        [b"k"] * len(lines),
    )
    checked = check_chunk(chunk, DEMO_KEY, NOW)
    alone = [validate_line(line, key=DEMO_KEY, ingested_at=NOW) for line in lines]
    kept = [i for i, r in enumerate(alone) if isinstance(r, ValidEvent)]
    expected = checked_table(
        [alone[i] for i in kept],
        chunk.origin.source_columns([chunk.positions[i] for i in kept]),
    )
    assert checked.events.equals(expected)
    assert checked.rejections == [(i, r) for i, r in enumerate(alone) if isinstance(r, Rejection)]


def test_a_chunk_of_valid_events_only_and_an_empty_one():
    lines = eventgen.to_lines(eventgen.valid_events(50))
    checked = check_chunk(
        Chunk(Coordinates.kafka("t", 0, 7), lines, list(range(7, 57))), DEMO_KEY, NOW
    )
    assert checked.rejections == [] and checked.events.num_rows == 50
    assert checked.events.column("source_offset").to_pylist() == list(range(7, 57))
    empty = check_chunk(Chunk(Coordinates.kafka("t", 0, 7), [None], [7]), DEMO_KEY, NOW)
    assert empty.events.num_rows == 0 and [r.code for _, r in empty.rejections] == [
        "malformed_json"
    ]


@pytest.mark.parametrize("workers", [0, 1])
def test_workers_check_a_chunk_as_inline_does_and_the_keys_stay_with_the_source(workers):
    lines = _lines()[:600]
    chunk = Chunk(Coordinates.kafka("t", 2, 0), lines, list(range(len(lines))), [b"key"] * 600)
    with Checker(DEMO_KEY, workers) as checker:
        checker.submit(chunk, NOW)
        [(taken, checked)] = list(checker.take(wait_all=True))
    assert taken is chunk and taken.keys == [b"key"] * 600
    inline = check_chunk(chunk, DEMO_KEY, NOW)
    assert checked.events.equals(inline.events) and checked.rejections == inline.rejections


def test_the_ingestion_stamp():
    table = pa.table({"x": pa.array([1, 2, 3])})
    at = datetime(2026, 1, 2, 23, 30, tzinfo=UTC)
    stamped = stamp_ingestion(table, ingested_at=at, ingest_run_id="run-1", ingest_batch_id="b")
    assert stamped.column("ingested_at").to_pylist() == [at] * 3
    assert stamped.column("ingest_run_id").to_pylist() == ["run-1"] * 3
    assert stamped.column("ingest_batch_id").to_pylist() == ["b"] * 3
    assert stamped.column("ingest_row").to_pylist() == [0, 1, 2]
    assert stamped.column("ingest_row").type == pa.int64()
    assert stamped.column(stamped.num_columns - 1).to_pylist() == ["2026-01-02"] * 3
    assert all(stamped.column(i).null_count == 0 for i in range(stamped.num_columns))
    empty = stamp_ingestion(table.slice(0, 0), ingested_at=at, ingest_run_id="r")
    assert empty.num_rows == 0 and empty.num_columns == stamped.num_columns


def test_the_index_takes_the_callers_hashes_as_its_own(tmp_path):
    index = EventIdIndex(None)
    ids = np.array([f"id-{i}" for i in range(10)], dtype=object)
    index.add(ids[:6], ["a.parquet"], index.hash(ids[:6]))
    index.add(ids[4:], ["b.parquet"])  # id-4 and id-5 are in both files now
    assert index._recent[int(index.hash(ids[:1])[0])] == 0
    assert index._recent[int(index.hash(ids[4:5])[0])] == EVERY_FILE
    assert index._recent[int(index.hash(ids[9:])[0])] == 1
    # `known` confirms its hits in the files (absent here): hits only, no exact look-up
    monkey_confirmed = []
    index._confirm = lambda candidates, files: monkey_confirmed.append((candidates, files)) or set()
    index.known(["id-0", "id-5", "new"], index.hash(["id-0", "id-5", "new"]))
    index.known(["id-0", "id-5", "new"])
    assert monkey_confirmed == [(["id-0", "id-5"], {0, EVERY_FILE})] * 2


def test_a_poll_is_cut_into_chunks_of_one_partition_each_in_offset_order():
    from types import SimpleNamespace

    from ingestion.kafka_source import _chunks

    records = [
        SimpleNamespace(topic="t", partition=p, offset=o, key=f"{p}:{o}".encode(), value=b"v")
        for p, offsets in ((2, range(10, 17)), (0, range(3)))
        for o in offsets
    ]
    chunks = _chunks(records, 3)
    assert [(c.origin.partition, c.origin.position, c.positions) for c in chunks] == [
        (2, 10, [10, 11, 12]),
        (2, 13, [13, 14, 15]),
        (2, 16, [16]),
        (0, 0, [0, 1, 2]),
    ]
    assert chunks[1].keys == [b"2:13", b"2:14", b"2:15"] and chunks[3].raws == [b"v"] * 3


@pytest.mark.parametrize(
    ("case_id", "code"),
    [
        ("ab010190-1234-4abc-8def-0123456789ab", None),  # a UUID, whatever digits it holds
        ("C-ab010190-1234-4abc-8def-0123456789ab", None),
        ("ab010190-1234-4abc-8def-0123456789ab 010190-1234", "cpr_in_text"),
        ("ab010190-1234-4abc-8def-0123456789ab010190-1234", "cpr_in_text"),  # no UUID then
        ("010190-1234ab010190-1234-4abc-8def-0123456789ab", "cpr_in_text"),
    ],
)
def test_a_uuid_is_no_cpr_number_but_one_beside_it_is_found(case_id, code):
    event = dict(eventgen.valid_events(1)[0], case_id=case_id)
    line = json.dumps(event).encode()
    for result in (
        validate_line(line, key=DEMO_KEY, ingested_at=NOW),
        *validate_lines([line], key=DEMO_KEY, ingested_at=NOW),
    ):
        assert getattr(result, "code", None) == code


def test_bronze_stores_the_values_unique_by_nature_plain_and_the_rest_as_before(lake, tmp_path):
    import pyarrow.parquet as pq

    from ingestion.file_source import ingest_file
    from trappe.core.lakehouse import data_files, open_table

    path = tmp_path / "events.jsonl"
    path.write_bytes(b"\n".join(eventgen.to_lines(eventgen.valid_events(500))))
    ingest_file(lake, path, workers=0)
    table = open_table(lake.bronze_dir)
    assert table is not None
    [file] = data_files(table)
    metadata = pq.ParquetFile(file).metadata.row_group(0)
    encodings = {
        metadata.column(i).path_in_schema: metadata.column(i).encodings
        for i in range(metadata.num_columns)
    }
    for plain in ("event_id", "payload_json", "source_line", "ingest_row"):
        assert "RLE_DICTIONARY" not in encodings[plain], plain
    assert "RLE_DICTIONARY" in encodings["event_type"]
    assert metadata.column(0).compression == "ZSTD"
    assert table.to_pyarrow_table().num_rows == 500
