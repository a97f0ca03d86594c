"""Fixtures of the quality-gate tests: a clean lake spec and a builder (see quality_lake)."""

from __future__ import annotations

import pytest

from tests.expectations.quality_lake import LakeSpec, build_lake
from trappe.core.settings import Settings


@pytest.fixture
def spec() -> LakeSpec:
    return LakeSpec()


@pytest.fixture
def make_lake(tmp_path):
    def make(spec: LakeSpec, name: str = "lake") -> Settings:
        return build_lake(tmp_path / name, spec)

    return make
