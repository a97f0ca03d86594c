"""dbt's Jinja context for sqlfluff's jinja templater (dbt_project/.sqlfluff).

sqlfluff's stand-in `var()` returns a placeholder whatever the name, which breaks a model that
iterates a dict var; this one answers with the defaults of dbt_project.yml, so the linter sees the
SQL that a default `dbt build` compiles. Run-time names a model prints get a fixed placeholder.
"""

from pathlib import Path as _Path
from typing import Any as _Any

import yaml as _yaml

_PROJECT = _yaml.safe_load((_Path(__file__).resolve().parents[1] / "dbt_project.yml").read_text())
_VARS: dict[str, _Any] = _PROJECT.get("vars") or {}


def var(name: str, default: _Any = None) -> _Any:
    return _VARS.get(name, default)


invocation_id = "00000000-0000-0000-0000-000000000000"
