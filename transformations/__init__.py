"""PySpark jobs bronze -> silver: typed, deduplicated, retraction-marked, as-of ready.

`run_transform` is imported lazily so that importing the package (for the CLI's help, or for
the schema helpers) does not pull in the job module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from transformations.job import run_transform
    from transformations.state import RunRecord

__all__ = ["RunRecord", "run_transform"]


def __getattr__(name: str) -> Any:
    if name == "run_transform":
        from transformations.job import run_transform

        return run_transform
    if name == "RunRecord":
        from transformations.state import RunRecord

        return RunRecord
    raise AttributeError(name)
