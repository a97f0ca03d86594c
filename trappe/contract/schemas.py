"""JSON Schema files generated from the contract models, one per event type and version.

`python -m trappe.contract.schemas` rewrites `trappe/contract/schemas/v1/`; a test fails when the
committed files drift from the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from trappe.contract.models import EVENT_MODELS
from trappe.contract.upcast import CURRENT_SCHEMA_VERSION

SCHEMA_DIR = Path(__file__).parent / "schemas" / f"v{CURRENT_SCHEMA_VERSION}"


def schema_for(event_type: str) -> dict[str, Any]:
    schema = EVENT_MODELS[event_type].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://trappe.dk/schemas/v{CURRENT_SCHEMA_VERSION}/{event_type}.schema.json"
    return schema


def rendered() -> dict[str, str]:
    return {
        f"{event_type}.schema.json": json.dumps(schema_for(event_type), indent=2, sort_keys=True)
        + "\n"
        for event_type in EVENT_MODELS
    }


def write(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in rendered().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write():
        print(path)
