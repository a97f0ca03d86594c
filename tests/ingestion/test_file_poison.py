"""No record stops a file ingest: the poison of issue 12 in the middle of a file becomes dead
letters with their reasons, everything around it lands in bronze, and whatever the bytes, the
counts reconcile: read = written + duplicates + dead letters."""

from __future__ import annotations

import base64
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.file_source import ingest_file
from tests.support import eventgen, lakeread
from trappe.core.settings import Settings


def _template(seed: int) -> dict:
    return eventgen.valid_events(1, seed=seed)[0]


def _replace_field(event: dict, field: str, literal: str) -> bytes:
    """The event as a line, with `field`'s value spelled by a raw JSON literal."""
    marker = "POISON-MARKER"
    holder = event if "." not in field else event["payload"]
    holder[field.split(".")[-1]] = marker
    return json.dumps(event).replace(f'"{marker}"', literal).encode()


def poison_lines() -> list[tuple[bytes, str, str | None]]:
    """(line, expected error code, expected field): each poison class of issue 12."""

    def event(i: int) -> dict:
        return dict(_template(100 + i), event_id=f"poison-{i}")

    padded = event(5)
    padded["payload"]["concern"] = "x" * (2 * 1024 * 1024)
    return [
        (
            json.dumps(dict(event(0), occurred_at="0001-01-01")).encode(),
            "date_out_of_range",
            "occurred_at",
        ),
        (
            json.dumps(dict(event(1), occurred_at="9999-12-31T23:00:00-05:00")).encode(),
            "date_out_of_range",
            "occurred_at",
        ),
        (
            _replace_field(event(2), "payload.concern", "[" * 10_000 + "]" * 10_000),
            "too_deep",
            "payload.concern",
        ),
        (
            _replace_field(event(3), "payload.notification_id", "7" * 5_000),
            "number_too_long",
            "payload.notification_id",
        ),
        (json.dumps(event(4)).encode().replace(b'"C-', b'"C-\xff\xfe'), "malformed_json", None),
        (json.dumps(padded).encode(), "too_large", None),
        (b"[" * 100_000 + b"]" * 100_000, "too_deep", None),
        (b'{"event_id": "poison-7", "n": ' + b"1" * 50_000 + b"}", "number_too_long", "n"),
        (_replace_field(event(8), "payload.concern", "NaN"), "malformed_json", None),
        (
            _replace_field(event(9), "payload.concern", '"\\ud800"'),
            "malformed_json",
            "payload.concern",
        ),
    ]


@pytest.mark.parametrize("workers", [0, 1])
def test_each_poison_class_in_the_middle_of_a_file_is_a_dead_letter(lake, tmp_path, workers):
    events = eventgen.valid_events(60, seed=41)
    lines = eventgen.to_lines(events)
    poison = poison_lines()
    path = tmp_path / "events.jsonl"
    middle = [raw for raw, _, _ in poison]
    path.write_bytes(b"\n".join(lines[:30] + middle + lines[30:]) + b"\n")

    _, counts = ingest_file(lake, path, batch_records=25, workers=workers)

    assert (counts.read, counts.written, counts.dead_letters_total) == (70, 60, 10)
    assert sorted(lakeread.bronze(lake).column("event_id").to_pylist()) == sorted(
        e["event_id"] for e in events
    )
    dead = {row["source_line"]: row for row in lakeread.deadletters(lake).to_pylist()}
    assert sorted(dead) == list(range(31, 41))
    for line_number, (_, code, field) in zip(range(31, 41), poison):
        row = dead[line_number]
        assert (row["error_code"], row["error_field"]) == (code, field), row["reason"][:200]
        assert row["reason"].startswith(f"{path}:{line_number}: ") and "\n" not in row["reason"]
        if field:
            assert f"field '{field}'" in row["reason"]
    # the bytes of the record that is not UTF-8 are kept whole, the others need no copy
    not_utf8 = dead[35]
    assert b"\xff\xfe" in poison[4][0]
    assert base64.b64decode(not_utf8["raw_base64"]) == poison[4][0]
    assert "not UTF-8" in not_utf8["reason"]
    assert all(row["raw_base64"] is None for n, row in dead.items() if n != 35)
    assert dead[36]["raw"] == poison[5][0].decode()  # the 2 MiB line, kept whole
    (record,) = lakeread.run_records(lake)
    assert record["status"] == "completed"
    assert record["read"] == record["written"] + record["duplicates"] + record["dead_letters"]

    # and a rerun neither fails on them nor writes anything twice
    _, again = ingest_file(lake, path, workers=workers)
    assert again.read == 0


def test_a_line_of_many_mebibytes_without_a_newline_is_one_dead_letter(lake, tmp_path):
    events = eventgen.valid_events(4, seed=43)
    path = tmp_path / "events.jsonl"
    huge = b'{"event_id": "huge", "junk": "' + b"y" * (40 * 1024 * 1024)
    lines = [*eventgen.to_lines(events[:2]), huge, *eventgen.to_lines(events[2:])]
    path.write_bytes(b"\n".join(lines) + b"\n")
    _, counts = ingest_file(lake, path, workers=0)
    assert (counts.read, counts.written, counts.dead_letters_total) == (5, 4, 1)
    (row,) = lakeread.deadletters(lake).to_pylist()
    assert (row["error_code"], row["source_line"]) == ("too_large", 3)
    assert "event huge" in row["reason"]
    assert len(row["raw"]) == 16 * 1024 * 1024  # what is kept of it; the file holds the rest


# --- whatever the bytes: no exception, and the counts reconcile -------------------------------

any_text = st.text(st.characters(exclude_categories=()), max_size=20)  # surrogates too
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.text(st.characters(exclude_categories=()), max_size=6), children, max_size=3
        )
    ),
    max_leaves=12,
)
VALID = eventgen.to_lines(eventgen.valid_events(30, seed=47))


@st.composite
def any_line(draw) -> bytes:
    kind = draw(st.sampled_from(["bytes", "json", "valid", "mutated"]))
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    if kind == "json":
        return json.dumps(draw(json_values)).encode()  # a lone surrogate as a \ud800 escape
    line = draw(st.sampled_from(VALID))  # drawn twice now and then: a duplicate
    if kind == "valid":
        return line
    event = json.loads(line)
    holder = draw(st.sampled_from([event, event["payload"]]))
    holder[draw(st.sampled_from(sorted(holder)) | st.text(max_size=6))] = draw(json_values)
    return json.dumps(event, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(lines=st.lists(any_line(), max_size=40), batch=st.integers(1, 30))
def test_any_file_is_ingested_to_the_end_and_reconciles(lines, batch):
    with tempfile.TemporaryDirectory() as tmp:
        lake = Settings(home=Path(tmp) / "lake", demo=True)
        path = Path(tmp) / "any.jsonl"
        content = b"\n".join(lines)
        path.write_bytes(content)
        records = sum(1 for line in content.split(b"\n") if line.strip())

        _, counts = ingest_file(lake, path, batch_records=batch, workers=0)

        assert counts.read == records
        assert counts.read == counts.written + counts.duplicates + counts.dead_letters_total
        assert lakeread.bronze(lake).num_rows == counts.written
        assert lakeread.deadletters(lake).num_rows == counts.dead_letters_total
        assert "unreadable" not in counts.dead_letters  # every case the contract foresees
        (record,) = lakeread.run_records(lake)
        assert record["status"] == "completed" and record["read"] == records
