"""The committed JSON Schema files are generated from the models and agree with the validator."""

from __future__ import annotations

import json

import jsonschema
import pytest

from trappe.contract import EVENT_TYPES
from trappe.contract.examples import example_event
from trappe.contract.schemas import SCHEMA_DIR, rendered


def test_committed_schemas_match_the_models():
    expected = rendered()
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.schema.json")}
    assert committed == expected, "run `python -m trappe.contract.schemas` and commit the result"


@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_examples_validate_against_the_published_schema(event_type):
    schema = json.loads((SCHEMA_DIR / f"{event_type}.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(example_event(event_type), schema)
    wrong = example_event(event_type)
    wrong["payload"]["unexpected"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wrong, schema)
