"""`trappe transform` on the command line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.support.transform_lake import event, read_silver, write_batch
from trappe.app.cli import cli
from trappe.core.settings import Settings

pytestmark = pytest.mark.spark


def test_cli_transform(tmp_path, spark):
    settings = Settings(home=tmp_path)
    write_batch(
        settings, "batch-1", [event("e1", "case.closed", "2016-01-05", "2016-01-05T10:00:00+01:00")]
    )
    result = CliRunner().invoke(cli, ["transform", "--home", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "(full): 1 bronze versions, 1 rows in" in result.output
    assert read_silver(settings, "case_closed", exclude=("ingested_at",))[0][0] == "e1"
    again = CliRunner().invoke(cli, ["transform", "--home", str(tmp_path)])
    assert again.exit_code == 0 and "no new bronze versions" in again.output
