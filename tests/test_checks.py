"""`make check` fails when a rule is broken: each check runs, with the project's own configuration,
on a copy in a temporary directory into which one violation has been put, next to a file that keeps
the rule, so a pass proves the configuration and a failure proves the gate.

The tools are the real ones from the virtualenv (nothing mocked); each run takes seconds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PACKAGES = ("trappe", "ingestion", "transformations", "expectations", "dashboards")
LAYERS_CONTRACT = "Layers: core <- contract <- domain packages <- app"
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "target", "logs", "lake", "dbt_packages")


def run(args: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    # the copy, not the editable install of the working tree, is what the tools must see
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def copy_pyproject(tmp_path: Path) -> None:
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")


def test_import_linter_forbids_core_importing_the_app_layer(tmp_path: Path) -> None:
    copy_pyproject(tmp_path)
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=IGNORE)
    (tmp_path / "trappe" / "core" / "layering_probe.py").write_text(
        '"""A core module that reaches up into the app layer."""\n\n'
        "from trappe.app import pipeline  # noqa: F401\n"
    )

    result = run([BIN / "lint-imports", "--no-cache"], tmp_path)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert LAYERS_CONTRACT in output and "BROKEN" in output, output
    assert "trappe.core.layering_probe -> trappe.app.pipeline" in output, output


def test_ruff_fails_on_a_lint_violation_and_on_unformatted_code(tmp_path: Path) -> None:
    copy_pyproject(tmp_path)
    package = tmp_path / "trappe" / "core"
    package.mkdir(parents=True)
    # a 95-character line: inside the project's 100, outside ruff's default 88
    keeps = package / "keeps.py"
    keeps.write_text('"""Keeps every rule."""\n\nGREETING = "' + "x" * 82 + '"\n')
    assert len(keeps.read_text().splitlines()[-1]) == 95
    unused = package / "unused.py"
    unused.write_text('"""Imports what it never uses."""\n\nimport os\n')
    unformatted = package / "unformatted.py"
    unformatted.write_text('"""Spaced by hand."""\n\nPAIR = ( 1,2 )\n')

    lint = run([BIN / "ruff", "check", "--no-cache", "--output-format", "json", "."], tmp_path)
    findings = {(Path(f["filename"]).name, f["code"]) for f in json.loads(lint.stdout)}
    assert lint.returncode == 1, lint.stdout + lint.stderr
    assert findings == {("unused.py", "F401")}, findings

    formatting = run([BIN / "ruff", "format", "--no-cache", "--check", "."], tmp_path)
    assert formatting.returncode == 1, formatting.stdout + formatting.stderr
    assert "unformatted.py" in formatting.stdout
    assert "keeps.py" not in formatting.stdout and "unused.py" not in formatting.stdout


def test_mypy_is_strict_on_core_and_not_on_a_domain_package(tmp_path: Path) -> None:
    copy_pyproject(tmp_path)
    untyped = "def twice(value):\n    return value * 2\n"
    for package in ("trappe", "trappe/core", "trappe/simulate"):
        (tmp_path / package).mkdir(exist_ok=True)
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "trappe" / "core" / "probe.py").write_text(untyped)
    (tmp_path / "trappe" / "simulate" / "probe.py").write_text(untyped)

    result = run(
        [
            BIN / "mypy",
            "--config-file",
            "pyproject.toml",
            "--cache-dir",
            tmp_path / ".mypy_cache",
            "trappe/core/probe.py",
            "trappe/simulate/probe.py",
        ],
        tmp_path,
    )

    assert result.returncode == 1, result.stdout + result.stderr
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, result.stdout
    assert errors[0].startswith("trappe/core/probe.py:1: error:")
    assert "[no-untyped-def]" in errors[0]


def test_sqlfluff_fails_on_a_model_that_breaks_the_house_style(tmp_path: Path) -> None:
    project = tmp_path / "dbt_project"
    shutil.copytree(ROOT / "dbt_project", project, ignore=IGNORE)
    models = project / "models" / "marts"
    # ref() and a var() rendered from dbt_project.yml by the linter's templater
    (models / "keeps_probe.sql").write_text(
        "-- Years from the price base year on.\n"
        "select\n"
        "    period,\n"
        "    period_type\n"
        "from {{ ref('int_periods') }}\n"
        "where period_year >= {{ var('price_base_year') }}\n"
    )
    (models / "shouts_probe.sql").write_text(
        "SELECT\n    period,\n    period_type\nFROM {{ ref('int_periods') }}\n"
    )

    result = run(
        [
            BIN / "sqlfluff",
            "lint",
            "--format",
            "json",
            "--nofail",
            models / "keeps_probe.sql",
            models / "shouts_probe.sql",
        ],
        tmp_path,
    )
    failing = run([BIN / "sqlfluff", "lint", models / "shouts_probe.sql"], tmp_path)

    violations = {
        Path(f["filepath"]).name: {v["code"] for v in f["violations"]}
        for f in json.loads(result.stdout)
    }
    assert violations["keeps_probe.sql"] == set(), violations
    assert "CP01" in violations["shouts_probe.sql"], violations
    assert failing.returncode == 1, failing.stdout + failing.stderr


def test_the_lock_pins_every_declared_dependency(tmp_path: Path) -> None:
    lock = ROOT / "requirements.lock"
    check: list[str | Path] = [BIN / "python", ROOT / ".ci" / "check_lock.py", "--lock", lock]
    assert run(check, ROOT).returncode == 0

    pyproject = (ROOT / "pyproject.toml").read_text()
    drifted = tmp_path / "pyproject.toml"
    added = '    "trappe-unlocked-probe>=1",\n    "click>=99",\n'
    drifted.write_text(pyproject.replace("dependencies = [\n", "dependencies = [\n" + added, 1))

    result = run([*check, "--pyproject", drifted], tmp_path)

    assert result.returncode == 1
    assert "no pin for 'trappe-unlocked-probe>=1'" in result.stderr, result.stderr
    assert "is outside 'click>=99'" in result.stderr, result.stderr
