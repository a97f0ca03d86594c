"""`--format xlsx`: one workbook per municipality and reporting period (XlsxWriter).

The sheets follow the tables of the KORA evaluation (docs/domain.md): placed child-years by
category with shares and change; institution and family-care detail by measure type; breakdowns
and complaints with rates and the pilot-vs-other significance test; follow-ups per case and
compliance; spending and unit costs in fixed prices; moves on the ladder. Then a README sheet
("Læs mig") and the contract's long table ("kpis"). Numbers are numbers with Danish formats,
headers are frozen, widths fit the text. The cells are the export's cells after disclosure
control: a blank is a suppressed or undefined figure, never a zero. Text goes through
`neutralise` and is written with write_string, so no cell is ever a formula.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import xlsxwriter

from trappe.export.cells import ALL, COLUMNS, Cell, period_kind
from trappe.export.text import neutralise

GROUPS = [("pilot", "Pilotdistrikter"), ("other", "Øvrige distrikter"), (ALL, "Hele kommunen")]
CATEGORY = {
    "all": "Anbragt i alt",
    "institution": "Institution",
    "family_foster_care": "Familiepleje",
    "home_based_placement": "Hjemmebaseret anbringelse",
    "preventive": "Forebyggende foranstaltning",
    "other": "Øvrige udgifter",
}
MEASURE_TYPES = {
    "institution": [
        ("residential_institution", "Døgninstitution"),
        ("social_pedagogical_home", "Socialpædagogisk opholdssted"),
        ("secure_institution", "Sikret institution"),
    ],
    "family_foster_care": [
        ("foster_family", "Almindelig plejefamilie"),
        ("network_foster_care", "Netværkspleje"),
        ("special_foster_family", "Forstærket/specialiseret plejefamilie"),
    ],
    "home_based_placement": [
        ("own_room", "Eget værelse"),
        ("boarding_school", "Kost-/efterskole"),
        ("supported_housing", "Opgangsfællesskab"),
    ],
}
TEAMS = {
    "all": "Alle teams",
    "pilot": "Pilotteam",
    "children": "Børneteam",
    "youth": "Ungeteam",
    "intake": "Modtagelse",
}
KPI_LABELS = {
    "placed_child_years": "Anbragte årsbørn",
    "placement_share": "Andel af anbragte årsbørn (%)",
    "cases_by_step": "Åbne sager pr. trin på periodens sidste dag",
    "ladder_moves": "Bevægelser på indsatstrappen",
    "moved_down_from_institution": "Børn flyttet ned fra institution før 18 år",
    "breakdown_rate": "Sammenbrud pr. 100 årsbørn",
    "complaint_rate": "Klager i % af åbne sager",
    "followups_per_case": "Opfølgninger pr. sag pr. halvår",
    "followup_compliance_herning": "Opfølgninger til tiden, Herning-regler (%)",
    "followup_compliance_legal": "Opfølgninger til tiden, lovens minimum (%)",
    "followup_compliance_planned": "Planlagte opfølgninger holdt (%)",
    "expenditure": "Udgifter, faste priser (kr.)",
    "unit_cost_per_child_year": "Enhedspris pr. årsbarn (kr.)",
    "caseload_per_caseworker": "Sager pr. sagsbehandler",
    "notification_24h_compliance": "Underretninger vurderet inden 24 timer (%)",
    "notifications": "Underretninger",
    "sdq_mean": "SDQ, gennemsnitlig totalscore",
    "not_placed_one_year_after": "Ikke anbragt et år efter (%)",
    "expenditure_per_resident_0_22": "Udgifter pr. 0-22-årig (kr.)",
}
# Danish locale tag: Excel and LibreOffice show these with Danish separators
DK = "[$-406]"
FORMATS = {
    "count": DK + "#,##0",
    "decimal": DK + "#,##0.00",
    "ratio": DK + "#,##0.00",
    "percent": DK + '#,##0.0" %"',
    "dkk": DK + '#,##0" kr."',
    "p": DK + "0.0000",
}


class _Book:
    def __init__(self, path: Path) -> None:
        # a fixed creation date keeps the file byte-stable for the same data
        self.wb = xlsxwriter.Workbook(
            str(path),
            {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        self.wb.set_properties(
            {
                "title": "Partnerskabsrapportering",
                "author": "trappe",
                "created": datetime(2000, 1, 1),
            }
        )
        self.title = self.wb.add_format({"bold": True, "font_size": 14})
        self.head = self.wb.add_format(
            {"bold": True, "bg_color": "#DDE5F0", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.bold = self.wb.add_format({"bold": True})
        self.wrap = self.wb.add_format({"text_wrap": True, "valign": "top"})
        self.num = {k: self.wb.add_format({"num_format": v}) for k, v in FORMATS.items()}

    def text(self, ws, row: int, col: int, value: str, fmt=None) -> None:
        ws.write_string(row, col, neutralise(str(value)), fmt)

    def number(self, ws, row: int, col: int, value: float | None, kind: str) -> None:
        if value is None:
            ws.write_blank(row, col, None, self.num[kind])
        else:
            ws.write_number(row, col, float(value), self.num[kind])


class _Cells:
    """Lookup of the export's cells of one municipality and period."""

    def __init__(self, cells: list[Cell], municipality: str, period: str) -> None:
        self.by = {
            (c.kpi, c.district_group, c.district, c.breakdown): c
            for c in cells
            if c.municipality == municipality and c.period == period
        }

    def get(self, kpi: str, group: str, breakdown: str, district: str = ALL) -> Cell | None:
        return self.by.get((kpi, group, district, breakdown))

    def field(self, kpi: str, group: str, breakdown: str, name: str) -> float | None:
        c = self.get(kpi, group, breakdown)
        return None if c is None else getattr(c, name)

    def hidden(self, kpi: str, group: str, breakdown: str) -> bool:
        c = self.get(kpi, group, breakdown)
        return c is not None and c.suppressed


def _grid(
    b: _Book,
    ws,
    row: int,
    title: str,
    rows: list[tuple[str, str]],
    measures: list[tuple[str, str, str, str]],
    cells: _Cells,
) -> int:
    """A table: one line per (label, breakdown); per group the measures (header, kpi, field,
    number kind). Returns the next free row."""
    b.text(ws, row, 0, title, b.bold)
    row += 1
    b.text(ws, row, 0, "", b.head)
    b.text(ws, row + 1, 0, "", b.head)
    col = 1
    for _, group_label in GROUPS:
        if len(measures) > 1:
            ws.merge_range(row, col, row, col + len(measures) - 1, neutralise(group_label), b.head)
        else:
            b.text(ws, row, col, group_label, b.head)
        for i, (header, *_rest) in enumerate(measures):
            b.text(ws, row + 1, col + i, header, b.head)
        col += len(measures)
    row += 2
    for label, breakdown in rows:
        b.text(ws, row, 0, label)
        col = 1
        for group, _ in GROUPS:
            for _, kpi, name, kind in measures:
                b.number(ws, row, col, cells.field(kpi, group, breakdown, name), kind)
                col += 1
        row += 1
    return row + 1


def _previous(period: str) -> str:
    kind = period_kind(period)
    year = int(period[:4])
    return f"{year - 1}{period[4:]}" if kind != "year" else str(year - 1)


def _context(database: Path, municipality: str, period: str) -> tuple[dict, list[tuple]]:
    """Child-years of the same period a year earlier (not counts: never suppressed) and the
    group comparisons of the period."""
    previous: dict = {}
    comparisons: list[tuple] = []
    con = duckdb.connect(str(database), read_only=True)
    try:
        tables = {
            r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()
        }
        for group, breakdown, value in con.execute(
            "select district_group, breakdown, value from kpi_values where kpi = "
            "'placed_child_years' and district = 'all' and municipality = ? and period = ?",
            [municipality, _previous(period)],
        ).fetchall():
            previous[(group, breakdown)] = value
        if "fct_group_comparisons" in tables:
            comparisons = con.execute(
                "select kpi, breakdown, group_a, group_b, rate_a, rate_b, difference, ci_low, "
                "ci_high, p_value, test, significant from fct_group_comparisons where municipality"
                " = ? and period = ? and kpi in ('breakdown_rate', 'complaint_rate', "
                "'placement_share') order by kpi, breakdown, group_a, group_b",
                [municipality, period],
            ).fetchall()
    finally:
        con.close()
    return previous, comparisons


def _sheet(b: _Book, name: str) -> Any:
    """A sheet that prints as people read it: A4 landscape, one page wide, as many long as
    it takes (the header rows repeat on every page, set where the sheet freezes them)."""
    ws = b.wb.add_worksheet(name)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    return ws


@contextmanager
def _table_sheet(b: _Book, name: str, title: str) -> Iterator[Any]:
    """A sheet of tables under a title: its two header rows stay in view and on every page."""
    ws = _sheet(b, name)
    b.text(ws, 0, 0, title, b.title)
    yield ws
    ws.freeze_panes(4, 1)
    ws.repeat_rows(0, 3)
    ws.autofit()


def _readme(b: _Book, metadata: dict, municipality: str, period: str) -> None:
    ws = _sheet(b, "Læs mig")
    b.text(ws, 0, 0, f"Partnerskabsrapportering, kommune {municipality}, periode {period}", b.title)
    suppression = metadata.get("suppression") or {}
    facts = [
        ("Kommune", municipality),
        ("Periode", period),
        ("Opgjort pr. (as of)", metadata.get("as_of") or ""),
        ("Seneste registrerede hændelse", metadata.get("event_watermark") or ""),
        (
            "Ufuldstændige perioder (foreløbige tal)",
            ", ".join(metadata.get("incomplete_periods") or []) or "ingen",
        ),
        ("Pipeline-version", metadata.get("pipeline_version") or ""),
        ("Datakvalitet (kvalitetskontrollens afgørelse)", metadata.get("data_quality") or ""),
        ("Diskretionering", "ja" if metadata.get("suppressed") else "nej"),
        ("Tærskel: antal der skjules", f"1-{suppression['threshold']}" if suppression else "-"),
        ("Skjulte rækker i hele eksporten", suppression.get("suppressed_rows", 0)),
    ]
    row = 2
    for key, value in facts:
        b.text(ws, row, 0, key, b.bold)
        if isinstance(value, int):
            b.number(ws, row, 1, value, "count")
        else:
            b.text(ws, row, 1, str(value))
        row += 1
    row += 1
    notes = [
        "Tomme celler er skjult af hensyn til diskretion (antal på 1-4, og de tal de ellers kunne "
        "regnes ud fra: totaler, fordelinger, andre perioder og andre nøgletal med samme tal), "
        "eller de er ikke defineret (en rate uden nævner). Et nul er et nul.",
        "Årsbørn er det gennemsnitlige antal anbragte børn i perioden; rater pr. årsbarn og "
        "enhedspriser deler med personår, så en måned, et halvår og et år kan sammenlignes.",
        "Udgifter er i faste priser. Procenter er 0-100; sammenbrud er pr. 100 årsbørn.",
        "Arket 'kpis' er eksportkontraktens lange tabel med kontraktens kolonnenavne.",
    ]
    for note in notes:
        b.text(ws, row, 0, note, b.wrap)
        ws.merge_range(row, 0, row, 1, neutralise(note), b.wrap)
        ws.set_row(row, 45)
        row += 1
    row += 1
    b.text(ws, row, 0, "Nøgletal (kode)", b.head)
    b.text(ws, row, 1, "Definition", b.head)
    row += 1
    for code, label in KPI_LABELS.items():
        b.text(ws, row, 0, code)
        b.text(ws, row, 1, label)
        row += 1
    ws.set_column(0, 0, 48)
    ws.set_column(1, 1, 70)


def _placed(b: _Book, cells: _Cells, previous: dict, period: str) -> None:
    prev = _previous(period)
    with _table_sheet(
        b,
        "Anbragte årsbørn",
        f"Anbragte årsbørn efter kategori, {period}, med andel og ændring fra {prev}",
    ) as ws:
        headers = ["Årsbørn", "Andel af anbragte", f"Årsbørn {prev}", "Ændring"]
        row = 2
        b.text(ws, row, 0, "Kategori", b.head)
        b.text(ws, row + 1, 0, "", b.head)
        col = 1
        for _, label in GROUPS:
            ws.merge_range(row, col, row, col + 3, neutralise(label), b.head)
            for i, h in enumerate(headers):
                b.text(ws, row + 1, col + i, h, b.head)
            col += 4
        row += 2
        for breakdown in ("all", "institution", "family_foster_care", "home_based_placement"):
            b.text(ws, row, 0, CATEGORY[breakdown])
            col = 1
            for group, _ in GROUPS:
                now = cells.field("placed_child_years", group, breakdown, "value")
                share = (
                    100.0
                    if breakdown == "all" and now
                    else cells.field("placement_share", group, breakdown, "value")
                )
                before = previous.get((group, breakdown))
                change = (100.0 * (now - before) / before) if now is not None and before else None
                b.number(ws, row, col, now, "decimal")
                b.number(ws, row, col + 1, share, "percent")
                b.number(ws, row, col + 2, before, "decimal")
                b.number(ws, row, col + 3, change, "percent")
                col += 4
            row += 1


def _detail(b: _Book, cells: _Cells, period: str) -> None:
    with _table_sheet(
        b, "Institution og familiepleje", f"Anbragte årsbørn efter foranstaltning, {period}"
    ) as ws:
        row = 2
        for category in ("institution", "family_foster_care", "home_based_placement"):
            rows = [(CATEGORY[category] + " i alt", category)] + [
                (label, code) for code, label in MEASURE_TYPES[category]
            ]
            row = _grid(
                b,
                ws,
                row,
                CATEGORY[category],
                rows,
                [
                    ("Årsbørn", "placed_child_years", "value", "decimal"),
                    ("Andel af anbragte", "placement_share", "value", "percent"),
                ],
                cells,
            )


def _quality(b: _Book, cells: _Cells, comparisons: list[tuple], period: str) -> None:
    with _table_sheet(b, "Sammenbrud og klager", f"Sammenbrud og klager, {period}") as ws:
        cats = [
            (CATEGORY[c], c)
            for c in ("all", "institution", "family_foster_care", "home_based_placement")
        ]
        row = _grid(
            b,
            ws,
            2,
            "Sammenbrud i anbringelser",
            cats,
            [
                ("Sammenbrud", "breakdown_rate", "numerator", "count"),
                ("Personår anbragt", "breakdown_rate", "denominator", "decimal"),
                ("Pr. 100 årsbørn", "breakdown_rate", "value", "ratio"),
            ],
            cells,
        )
        teams = [(label, code) for code, label in TEAMS.items()]
        row = _grid(
            b,
            ws,
            row,
            "Klager over sagsbehandlingen",
            teams,
            [
                ("Klager", "complaint_rate", "numerator", "count"),
                ("Åbne sager", "complaint_rate", "denominator", "count"),
                ("Klager i % af sager", "complaint_rate", "value", "percent"),
            ],
            cells,
        )
        b.text(
            ws, row, 0, "Pilot- mod øvrige distrikter: forskel med 95 % konfidensinterval", b.bold
        )
        row += 1
        heads = [
            "Nøgletal",
            "Fordeling",
            "Pilot",
            "Øvrige",
            "Forskel",
            "95 % KI, nedre",
            "95 % KI, øvre",
            "p-værdi",
            "Test",
            "Signifikant",
        ]
        for i, h in enumerate(heads):
            b.text(ws, row, i, h, b.head)
        row += 1
        for kpi, breakdown, ga, gb, ra, rb, diff, lo, hi, p, test, significant in comparisons:
            if kpi == "placement_share":
                continue
            # a test of hidden counts would give them away: shown only when both sides are released
            hidden = (
                cells.hidden(kpi, ga, breakdown)
                or cells.hidden(kpi, gb, breakdown)
                or cells.get(kpi, ga, breakdown) is None
                or cells.get(kpi, gb, breakdown) is None
            )
            b.text(ws, row, 0, KPI_LABELS.get(kpi, kpi))
            b.text(ws, row, 1, CATEGORY.get(breakdown, TEAMS.get(breakdown, breakdown)))
            kind = "percent" if kpi == "complaint_rate" else "ratio"
            for i, (v, k) in enumerate(
                [(ra, kind), (rb, kind), (diff, kind), (lo, kind), (hi, kind), (p, "p")]
            ):
                b.number(ws, row, 2 + i, None if hidden else v, k)
            b.text(ws, row, 8, "" if hidden else str(test or ""))
            b.text(ws, row, 9, "skjult" if hidden else ("ja" if significant else "nej"))
            row += 1


def _followups(b: _Book, cells: _Cells, period: str) -> None:
    with _table_sheet(b, "Opfølgninger", f"Opfølgninger, {period}") as ws:
        cats = [
            (CATEGORY[c], c)
            for c in ("institution", "family_foster_care", "home_based_placement", "preventive")
        ]
        row = _grid(
            b,
            ws,
            2,
            "Opfølgninger pr. sag (omregnet til halvår)",
            cats,
            [
                ("Opfølgninger", "followups_per_case", "numerator", "count"),
                ("Sager", "followups_per_case", "denominator", "count"),
                ("Pr. sag pr. halvår", "followups_per_case", "value", "ratio"),
            ],
            cells,
        )
        cats_all = [("Alle", "all"), *cats]
        for kpi, title in (
            ("followup_compliance_herning", "Opfølgninger til tiden, Herning-regler"),
            ("followup_compliance_legal", "Opfølgninger til tiden, lovens minimum"),
            ("followup_compliance_planned", "Planlagte opfølgningsdatoer holdt"),
        ):
            row = _grid(
                b,
                ws,
                row,
                title,
                cats_all,
                [
                    ("Holdt", kpi, "numerator", "count"),
                    ("Forfaldne", kpi, "denominator", "count"),
                    ("Til tiden", kpi, "value", "percent"),
                ],
                cells,
            )


def _spending(b: _Book, cells: _Cells, period: str) -> None:
    with _table_sheet(b, "Udgifter", f"Udgifter og enhedspriser i faste priser, {period}") as ws:
        cats = [
            (CATEGORY[c], c)
            for c in ("all", "institution", "family_foster_care", "home_based_placement", "other")
        ]
        row = _grid(
            b,
            ws,
            2,
            "Udgifter og enhedspris pr. årsbarn",
            cats,
            [
                ("Udgifter", "expenditure", "value", "dkk"),
                ("Pr. årsbarn", "unit_cost_per_child_year", "value", "dkk"),
            ],
            cells,
        )
        b.text(ws, row, 0, "Udgifter pr. indbygger 0-22 år (hele kommunen)", b.bold)
        row += 1
        for i, h in enumerate(["Kategori", "Udgifter", "Indbyggere 0-22 år", "Pr. indbygger"]):
            b.text(ws, row, i, h, b.head)
        row += 1
        for label, breakdown in cats[:-1]:
            c = cells.get("expenditure_per_resident_0_22", ALL, breakdown)
            b.text(ws, row, 0, label)
            b.number(ws, row, 1, c.numerator if c else None, "dkk")
            b.number(ws, row, 2, c.denominator if c else None, "count")
            b.number(ws, row, 3, c.value if c else None, "dkk")
            row += 1


def _ladder(b: _Book, cells: _Cells, period: str) -> None:
    with _table_sheet(b, "Bevægelser på trappen", f"Bevægelser på indsatstrappen, {period}") as ws:
        moves = sorted(
            {k[3] for k in cells.by if k[0] == "ladder_moves"},
            key=lambda m: (m.split(">")[0], m.split(">")[1]),
        )

        def label(move: str) -> str:
            a, z = move.split(">")
            a = "ny sag" if a == "entry" else f"trin {a}"
            z = "afsluttet" if z == "exit" else f"trin {z}"
            return f"Fra {a} til {z}"

        row = _grid(
            b,
            ws,
            2,
            "Bevægelser (antal)",
            [(label(m), m) for m in moves],
            [("Bevægelser", "ladder_moves", "value", "count")],
            cells,
        )
        row = _grid(
            b,
            ws,
            row,
            "Børn flyttet ned fra institution før 18 år",
            [("Børn", "all")],
            [("Børn", "moved_down_from_institution", "value", "count")],
            cells,
        )
        steps = [(f"Trin {s}", s) for s in "012345"] + [
            ("Under afklaring", "assessment"),
            ("Ingen indsats", "none"),
        ]
        _grid(
            b,
            ws,
            row,
            "Åbne sager pr. trin på periodens sidste dag",
            steps,
            [("Sager", "cases_by_step", "value", "count")],
            cells,
        )


def _long(b: _Book, cells: list[Cell]) -> None:
    ws = _sheet(b, "kpis")
    for i, name in enumerate(COLUMNS):
        b.text(ws, 0, i, name, b.head)
    for r, c in enumerate(sorted(cells, key=Cell.sort_key), start=1):
        for i, text in enumerate(
            (c.kpi, c.period, c.municipality, c.district_group, c.district, c.breakdown)
        ):
            b.text(ws, r, i, text)
        b.number(ws, r, 6, c.numerator, "decimal")
        b.number(ws, r, 7, c.denominator, "decimal")
        b.number(ws, r, 8, c.value, "p")
        b.text(ws, r, 9, c.unit or "")
        ws.write_boolean(r, 10, c.suppressed)
    ws.freeze_panes(1, 0)
    ws.repeat_rows(0)
    ws.autoflt = None
    ws.autofilter(0, 0, len(cells), len(COLUMNS) - 1)
    ws.autofit()


def workbook_name(municipality: str, period: str) -> str:
    return f"trappe_{municipality}_{period}.xlsx"


def write_workbooks(cells: list[Cell], metadata: dict, out: Path, *, database: Path) -> list[Path]:
    """One workbook per municipality and period of `cells`; returns their paths."""
    paths = []
    for municipality, period in sorted({(c.municipality, c.period) for c in cells}):
        mine = [c for c in cells if c.municipality == municipality and c.period == period]
        lookup = _Cells(mine, municipality, period)
        previous, comparisons = _context(database, municipality, period)
        path = out / workbook_name(municipality, period)
        b = _Book(path)
        _readme(b, metadata, municipality, period)
        _placed(b, lookup, previous, period)
        _detail(b, lookup, period)
        _quality(b, lookup, comparisons, period)
        _followups(b, lookup, period)
        _spending(b, lookup, period)
        _ladder(b, lookup, period)
        _long(b, mine)
        b.wb.close()
        paths.append(path)
    return paths
