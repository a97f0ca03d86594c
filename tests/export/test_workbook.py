"""`--format xlsx`: one workbook per municipality and period that opens with openpyxl, with the
evaluation's sheets, numbers as numbers, suppression on by default, the same cells for the same
data, and no text a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from trappe.app.commands.export import export
from trappe.export import COLUMNS, Cell, render_csv
from trappe.export.cells import COUNT_FIELDS
from trappe.export.text import FORMULA_STARTS
from trappe.export.workbook import write_workbooks

SHEETS = [
    "Læs mig",
    "Anbragte årsbørn",
    "Institution og familiepleje",
    "Sammenbrud og klager",
    "Opfølgninger",
    "Udgifter",
    "Bevægelser på trappen",
    "kpis",
]


def run(home: Path, out: Path, *args: str) -> None:
    result = CliRunner().invoke(
        export, ["--home", str(home), "--out", str(out), "--unvalidated", *args]
    )
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def workbook_dir(pilot_home, tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx")
    run(pilot_home.home, out, "--format", "xlsx", "--period", "2015")
    return out


def cells_of(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in wb}


def test_the_workbook_opens_with_its_sheets(workbook_dir):
    path = workbook_dir / "trappe_657_2015.xlsx"
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == SHEETS
    readme = {r[0]: r[1] for r in wb["Læs mig"].iter_rows(values_only=True) if r[0]}
    assert readme["Kommune"] == "657" and readme["Periode"] == "2015"
    assert readme["Diskretionering"] == "ja"  # on by default for xlsx
    assert readme["Pipeline-version"]
    kpis = wb["kpis"]
    assert [c.value for c in kpis[1]] == COLUMNS
    assert kpis.freeze_panes == "A2"
    assert wb["Anbragte årsbørn"].freeze_panes == "B5"
    placed = next(
        r
        for r in kpis.iter_rows(min_row=2, values_only=True)
        if r[0] == "placed_child_years" and r[3] == "all" and r[5] == "all"
    )
    assert isinstance(placed[8], float) and placed[8] > 0  # a number, not text
    assert kpis.cell(row=2, column=9).number_format.startswith("[$-406]")


def test_no_released_count_of_1_to_4_in_any_sheet(workbook_dir):
    wb = openpyxl.load_workbook(workbook_dir / "trappe_657_2015.xlsx")
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "n" and c.value is not None and c.number_format.endswith("#,##0"):
                    assert not 1 <= c.value <= 4, (ws.title, c.coordinate, c.value)
    rows = list(wb["kpis"].iter_rows(min_row=2, values_only=True))
    assert any(r[10] for r in rows)  # something is suppressed
    for r in rows:
        if r[10]:
            assert r[8] is None, r  # no rate or share of a hidden count
        if r[0] in COUNT_FIELDS and r[0] != "followups_per_case":
            for i, f in ((6, "numerator"), (7, "denominator")):
                if f in COUNT_FIELDS[r[0]] and r[i] is not None:
                    assert not 1 <= r[i] <= 4, r


def test_the_same_data_gives_the_same_workbook(pilot_home, workbook_dir, tmp_path):
    run(pilot_home.home, tmp_path, "--format", "xlsx", "--period", "2015")
    name = "trappe_657_2015.xlsx"
    assert cells_of(tmp_path / name) == cells_of(workbook_dir / name)
    assert (tmp_path / name).read_bytes() == (workbook_dir / name).read_bytes()


def test_formula_like_text_is_neutralised(pilot_home, workbook_dir, tmp_path):
    def cell(district: str, breakdown: str) -> Cell:
        return Cell(
            "notifications", "2015", "657", "pilot", district, breakdown, 10, None, 10, "count"
        )

    hostile = [
        cell('=HYPERLINK("http://x.test","klik")', "all"),
        cell("all", "@SUM(1+1)"),
        cell("+1", "-2"),
    ]
    text = render_csv(hostile)
    for row in list(csv.reader(text.splitlines()))[1:]:
        for field in row:
            assert not field.startswith(FORMULA_STARTS), field
    snapshot = next(pilot_home.export_log_dir.glob("*.duckdb"))
    (path,) = write_workbooks(hostile, {"periods": ["2015"]}, tmp_path, database=snapshot)
    wb = openpyxl.load_workbook(path)
    seen = set()
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    assert not c.value.startswith(FORMULA_STARTS), (ws.title, c.value)
                    seen.add(c.value)
    assert '\'=HYPERLINK("http://x.test","klik")' in seen and "'@SUM(1+1)" in seen


def test_the_workbook_converts_to_pdf_with_libreoffice(workbook_dir, tmp_path):
    """LibreOffice headless (Debian's libreoffice-calc) reads the workbook and prints it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is not installed: apt-get install libreoffice-calc-nogui"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(workbook_dir / "trappe_657_2015.xlsx"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    pdf = tmp_path / "trappe_657_2015.pdf"
    assert done.returncode == 0 and pdf.is_file(), done.stdout + done.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") + data.count(b"/Type/Page") > 3
