"""Fixtures for the dashboard tests: a small published DuckDB file in a temporary lake."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard_marts import build_published_db

APP = Path(__file__).resolve().parents[2] / "dashboards" / "app.py"
PAGES = ["overblik", "indsatstrappen", "opfoelgning", "oekonomi", "kvalitet", "datakvalitet"]


@pytest.fixture
def lake(tmp_path, monkeypatch) -> Path:
    """An empty lake, and TRAPPE_HOME pointing at it (the way `trappe dashboard` passes it)."""
    home = tmp_path / "lake"
    home.mkdir()
    monkeypatch.setenv("TRAPPE_HOME", str(home))
    return home


@pytest.fixture
def published(lake) -> Path:
    return build_published_db(lake / "warehouse" / "published.duckdb")


def run_app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    if page is not None:
        at.switch_page(f"views/{page}.py").run()
    return at


@pytest.fixture
def app():
    return run_app
