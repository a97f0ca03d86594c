"""The event contract: models, JSON Schemas, validation, upcasting and CPR handling."""

from trappe.contract.cpr import mask_cpr, mask_cpr_bytes, pseudonym_key, pseudonymise
from trappe.contract.models import EVENT_TYPES, PAYLOADS
from trappe.contract.upcast import CURRENT_SCHEMA_VERSION, Adapter, register_adapter
from trappe.contract.validator import ERROR_CODES, Rejection, ValidEvent, validate_line

__all__ = [
    "CURRENT_SCHEMA_VERSION",
    "ERROR_CODES",
    "EVENT_TYPES",
    "PAYLOADS",
    "Adapter",
    "Rejection",
    "ValidEvent",
    "mask_cpr",
    "mask_cpr_bytes",
    "pseudonym_key",
    "pseudonymise",
    "register_adapter",
    "validate_line",
]
