"""The quarantine's ages are the municipality's to set: TRAPPE_QUARANTINE_WARNING_DAYS and
TRAPPE_QUARANTINE_CRITICAL_DAYS reach the gate's age rules; a bad value is one line."""

from __future__ import annotations

import pytest

from expectations.config import QualityConfig
from expectations.suites import checks_for
from trappe.core.errors import ConfigurationError
from trappe.core.settings import Settings


def test_the_quarantine_ages_come_from_the_environment(tmp_path):
    settings = Settings.from_env(
        {"TRAPPE_QUARANTINE_WARNING_DAYS": "7", "TRAPPE_QUARANTINE_CRITICAL_DAYS": "14.5"},
        home=tmp_path,
    )
    config = QualityConfig.from_settings(settings)
    assert (config.quarantine_warning_days, config.quarantine_critical_days) == (7.0, 14.5)
    checks = {c.name: c for c in checks_for(("silver",), config)}
    assert "> 7.0" in checks["silver.quarantine_age_warning"].sql
    assert "> 14.5" in checks["silver.quarantine_age_critical"].sql
    assert "14.5 days" in checks["silver.quarantine_age_critical"].description


@pytest.mark.parametrize("value", ["soon", "0", "-3"])
def test_a_bad_quarantine_age_is_a_one_line_error_naming_the_variable(tmp_path, value):
    with pytest.raises(ConfigurationError) as caught:
        Settings.from_env({"TRAPPE_QUARANTINE_WARNING_DAYS": value}, home=tmp_path)
    assert str(caught.value).startswith(f"TRAPPE_QUARANTINE_WARNING_DAYS={value!r}")
    assert "\n" not in str(caught.value)
