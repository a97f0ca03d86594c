"""Schema versions and upcasting.

Events keep the `schema_version` they were produced with. An older (or otherwise different)
version is turned into the current shape by a declarative adapter, so that the same rule can be
applied by the Python validator and by the Spark jobs (which build column expressions from it).
An event whose version has no adapter is rejected.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

CURRENT_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Adapter:
    """How events of `event_type` at `version` map onto the current payload shape.

    `renames` maps an old payload field name to the current one; `defaults` fills current fields
    the old version did not have.
    """

    event_type: str
    version: int
    renames: dict[str, str] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)


_ADAPTERS: dict[tuple[str, int], Adapter] = {}


def register_adapter(adapter: Adapter) -> None:
    _ADAPTERS[(adapter.event_type, adapter.version)] = adapter


def unregister_adapter(event_type: str, version: int) -> None:
    _ADAPTERS.pop((event_type, version), None)


def adapter_for(event_type: str, version: int) -> Adapter | None:
    return _ADAPTERS.get((event_type, version))


def adapters() -> list[Adapter]:
    return list(_ADAPTERS.values())


class CannotUpcast(ValueError):
    pass


def can_upcast(event_type: str, version: int) -> bool:
    return version == CURRENT_SCHEMA_VERSION or (event_type, version) in _ADAPTERS


def upcast_payload(event_type: str, version: int, payload: dict[str, Any]) -> dict[str, Any]:
    """The payload in the current version's shape (a new dict; the input is not changed)."""
    if version == CURRENT_SCHEMA_VERSION:
        return payload
    adapter = _ADAPTERS.get((event_type, version))
    if adapter is None:
        raise CannotUpcast(
            f"schema_version {version} of {event_type} cannot be upcast "
            f"(current is {CURRENT_SCHEMA_VERSION})"
        )
    out = copy.deepcopy(payload)
    for old, new in adapter.renames.items():
        if old in out:
            out[new] = out.pop(old)
    for key, value in adapter.defaults.items():
        out.setdefault(key, value)
    return out
