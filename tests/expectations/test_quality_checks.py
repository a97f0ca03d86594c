"""The pieces under the suites: the CPR pattern in DuckDB, the ingest-run reader, the suites."""

from __future__ import annotations

import json
import string

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expectations import QualityConfig
from expectations.checks import CPR_REGEX_SQL, LAYERS, without_uuids
from expectations.runner import suite_for
from expectations.sources import read_ingest_runs
from expectations.suites import checks_for
from trappe.contract.cpr import CPR_PATTERN, find_cpr

_con = duckdb.connect()


def duckdb_finds_cpr(text: str, regex: str = CPR_REGEX_SQL) -> bool:
    return _con.execute(f"SELECT regexp_matches(?, {regex})", [text]).fetchone()[0]


def duckdb_finds_cpr_outside_uuids(text: str) -> bool:
    return _con.execute(
        f"SELECT regexp_matches({without_uuids('?')}, {CPR_REGEX_SQL})", [text]
    ).fetchone()[0]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=string.digits + "- xaK/.\u2013\u00a0\u2011", max_size=24))
def test_duckdb_cpr_regexes_agree_with_the_contract(text):
    assert duckdb_finds_cpr(text) == (CPR_PATTERN.search(text) is not None)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(st.uuids().map(str), st.text(alphabet=string.digits + "-ab ", max_size=14)),
        max_size=4,
    )
)
def test_duckdb_and_the_contract_agree_that_a_uuid_holds_no_cpr(parts):
    text = "".join(parts)
    assert duckdb_finds_cpr_outside_uuids(text) == (find_cpr(text) is not None)


def test_uuids_are_let_through_and_cpr_keys_caught():
    uuid_with_digit_run = "7d3c2b1a-9e8f-4a6b-8c5d-e0102031234f"
    assert duckdb_finds_cpr(uuid_with_digit_run)  # unless the UUID is blanked first
    assert not duckdb_finds_cpr_outside_uuids(uuid_with_digit_run)
    for key in (
        "C-0102031234",
        "K0102031234",
        "010203-1234",
        "team-C0101901234",
        "010190.1237",
        "010190/1238",
        "010190\u20131239",
        "010190\u00a01240",
    ):
        assert duckdb_finds_cpr_outside_uuids(key), key


@pytest.mark.parametrize(
    "text, found",
    [
        ("født 010190-1234", True),
        ("0101901234", True),
        ("010190 1234", True),
        ("20101901234", False),
        ("010190-12345", False),
        ("321390-1234", False),
        ('{"amount_dkk": 80000.0}', False),
    ],
)
def test_duckdb_cpr_regex_examples(text, found):
    assert duckdb_finds_cpr(text) is found


def test_ingest_run_reader_is_tolerant_of_the_record_shape(tmp_path):
    (tmp_path / "a.json").write_text(
        json.dumps(
            {
                "run_id": "a",
                "read": 10,
                "written": 7,
                "duplicates": 1,
                "dead_letters": 2,
                "dead_letters_by_reason": {"invalid_json": 1, "cpr_in_text": 1},
            }
        )
    )
    (tmp_path / "b.json").write_text(
        json.dumps(
            {  # counts nested, dead letters by reason
                "run_id": "b",
                "counts": {"read": 3, "written": 3, "duplicates": 0, "dead_letters": {}},
            }
        )
    )
    (tmp_path / "c.json").write_text("{not json")
    runs = read_ingest_runs(tmp_path).set_index("run_id")
    assert runs.loc["a", ["read", "written", "duplicates", "dead_letters"]].tolist() == [
        10,
        7,
        1,
        2,
    ]
    assert runs.loc["a", "dead_letters_by_reason_total"] == 2
    assert runs.loc["b", ["read", "written", "dead_letters"]].tolist() == [3, 3, 0]
    assert runs.loc["c", "status"].startswith("unreadable")
    assert runs.loc["c", ["read"]].isna().all()


def test_every_expectation_carries_its_severity_in_meta():
    import great_expectations as gx

    gx.get_context(mode="ephemeral")  # a suite needs an active context
    config = QualityConfig()
    for layer in LAYERS:
        checks = checks_for((layer,), config)
        suite = suite_for(gx, layer, checks)
        assert suite.name == f"trappe_{layer}"
        metas = [e.meta for e in suite.expectations]
        assert [m["check"] for m in metas] == [c.name for c in checks]
        assert all(m["severity"] in ("critical", "warning") for m in metas)
    names = [c.name for c in checks_for(LAYERS, config)]
    assert len(names) == len(set(names))


def test_unknown_layer_is_refused():
    with pytest.raises(ValueError, match="unknown layer 'gold'"):
        checks_for(("gold",), QualityConfig())
