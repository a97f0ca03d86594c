"""Fixtures for the dashboard tests: a small published DuckDB file in a temporary lake, and
the users of each role (tests/support/dashboard_app.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.dashboard_app import run_app, write_test_users
from tests.support.dashboard_marts import build_published_db


@pytest.fixture
def lake(tmp_path, monkeypatch) -> Path:
    """An empty lake with the test users, and TRAPPE_HOME pointing at it (the way
    `trappe dashboard` passes it)."""
    home = tmp_path / "lake"
    home.mkdir()
    write_test_users(home)
    monkeypatch.setenv("TRAPPE_HOME", str(home))
    monkeypatch.delenv("TRAPPE_USERS_FILE", raising=False)
    return home


@pytest.fixture
def published(lake) -> Path:
    return build_published_db(lake / "warehouse" / "published.duckdb")


@pytest.fixture
def app():
    return run_app
