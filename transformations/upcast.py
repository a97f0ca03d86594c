"""Spark column expressions for upcasting payloads, built from the contract's declarative adapters.

The rule lives in `trappe.contract.upcast` (used by the Python validator too); this module only
translates each `Adapter` into a column expression, so a new adapter needs no Spark code.
"""

from __future__ import annotations

from pyspark.sql import Column
from pyspark.sql import functions as F
from pyspark.sql.types import StructField, StructType

from transformations.schema import payload_schema
from trappe.contract.upcast import CURRENT_SCHEMA_VERSION, Adapter, adapters


class UnsupportedSchemaVersion(ValueError):
    pass


def _upcast_expression(adapter: Adapter, payload_json: Column) -> Column:
    current = payload_schema(adapter.event_type)
    renamed_to = {new: old for old, new in adapter.renames.items() if new in current.fieldNames()}
    # Old names are parsed with the type of the field they become.
    parse_schema = StructType(
        list(current.fields)
        + [StructField(old, current[new].dataType) for new, old in renamed_to.items()]
    )
    parsed = F.from_json(payload_json, parse_schema)
    fields = []
    # Sorted keys, like the payload_json bronze stores for current-version events.
    for field in sorted(current.fields, key=lambda f: f.name):
        candidates = []
        if field.name in renamed_to:
            candidates.append(parsed[renamed_to[field.name]])  # the old name wins, as in Python
        candidates.append(parsed[field.name])
        if field.name in adapter.defaults:
            candidates.append(F.lit(adapter.defaults[field.name]).cast(field.dataType))
        fields.append(
            (F.coalesce(*candidates) if len(candidates) > 1 else candidates[0]).alias(field.name)
        )
    return F.to_json(F.struct(*fields))


def upcast_payload_json(event_type: Column, schema_version: Column, payload_json: Column) -> Column:
    """`payload_json` in the current version's shape, for every registered adapter."""
    expression = None
    for adapter in adapters():
        matches = (event_type == F.lit(adapter.event_type)) & (
            schema_version == F.lit(adapter.version)
        )
        upcast = _upcast_expression(adapter, payload_json)
        expression = (
            F.when(matches, upcast) if expression is None else expression.when(matches, upcast)
        )
    return payload_json if expression is None else expression.otherwise(payload_json)


def check_versions(versions_by_type: dict[tuple[str, int], int], example_event_id) -> None:
    """Fail with a one-line reason when bronze holds a version no adapter can upcast.

    `example_event_id(event_type, version)` names one offending event for the message.
    """
    known = {(a.event_type, a.version) for a in adapters()}
    for (event_type, version), count in sorted(versions_by_type.items()):
        if version != CURRENT_SCHEMA_VERSION and (event_type, version) not in known:
            raise UnsupportedSchemaVersion(
                f"event {example_event_id(event_type, version)}: field 'schema_version': "
                f"version {version} of {event_type} cannot be upcast to {CURRENT_SCHEMA_VERSION} "
                f"({count} events in bronze); register an Adapter in trappe.contract.upcast"
            )
