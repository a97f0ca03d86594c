"""Downloads as Danish Excel reads them, disclosure control, and the investment plan."""

from __future__ import annotations

import io

import pandas as pd

from dashboards.downloads import to_csv, to_xlsx
from dashboards.plan import savings_frame
from dashboards.privacy import suppress


def test_csv_is_semicolon_separated_with_decimal_comma_and_a_byte_order_mark():
    data = to_csv(
        pd.DataFrame({"Periode": ["1. halvår 2015"], "Værdi": [1234.5], "Enhed": ["årsbørn"]})
    )
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert text == "Periode;Værdi;Enhed\r\n1. halvår 2015;1234,5;årsbørn\r\n"


def test_xlsx_holds_numbers_not_text():
    frame = pd.DataFrame({"Værdi": [1234.5, 2.0]})
    back = pd.read_excel(io.BytesIO(to_xlsx(frame)))
    assert back["Værdi"].tolist() == [1234.5, 2.0]


def _cells(values: dict[tuple[str, str], float]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "kpi": "notifications",
                "period": "2015",
                "district_group": g,
                "district": d,
                "breakdown": "all",
                "numerator": v,
                "denominator": None,
                "value": v,
            }
            for (g, d), v in values.items()
        ]
    )


def test_a_small_count_and_the_cell_that_would_give_it_away_are_hidden():
    df = suppress(
        _cells(
            {
                ("all", "all"): 63,
                ("p", "all"): 33,
                ("p", "A"): 3,
                ("p", "B"): 10,
                ("p", "C"): 20,
                ("o", "all"): 30,
                ("o", "D"): 30,
            }
        )
    )
    hidden = dict(zip(df["district"], df["suppressed"]))
    # A is small; B, the smallest other district of the group, goes too; C and totals stay
    assert hidden == {"all": False, "A": True, "B": True, "C": False, "D": False}
    assert df.loc[df["district"] == "A", "value"].isna().all()


def test_zero_and_non_count_kpis_are_not_hidden():
    df = _cells({("all", "all"): 0, ("p", "all"): 0})
    child_years = df.assign(kpi="placed_child_years", numerator=2.0, value=2.0)
    assert not suppress(pd.concat([df, child_years]))["suppressed"].any()


def test_savings_against_the_plan():
    rows = [
        {
            "kpi": "expenditure",
            "period": year,
            "district_group": g,
            "district": "all",
            "breakdown": b,
            "value": v,
        }
        for year, v in (("2012", 10e6), ("2013", 9e6), ("2015", 6e6))
        for g in ("pilot", "other")
        for b in ("institution", "family_foster_care", "home_based_placement", "all")
    ]
    frame = savings_frame(pd.DataFrame(rows)).set_index("År")
    assert list(frame.index) == ["2013", "2015"]
    # three categories each: 27 M against 30 M in 2012
    assert frame.loc["2013", "Opnået besparelse (kr.)"] == -3e6
    assert frame.loc["2015", "Forventet besparelse (kr.)"] == -3e6
    assert frame.loc["2015", "Netto (kr.)"] == -12e6 + 2e6
    assert savings_frame(pd.DataFrame(rows[8:])) is None  # no baseline year


def test_a_sum_shows_unless_it_is_small_or_would_give_hidden_parts_away():
    from dashboards.privacy import sum_parts

    cells = pd.DataFrame(
        {
            "unit": ["a", "a", "a", "b", "b", "c", "c", "d", "d", "d"],
            "value": [None, None, 10.0, None, 9.0, None, None, None, None, 10.0],
            "raw_value": [2.0, 3.0, 10.0, 2.0, 9.0, 1.0, 2.0, 1.0, 2.0, 10.0],
            "suppressed": [True, True, False, True, False, True, True, True, True, False],
        }
    )
    sums = sum_parts(cells, ["unit"]).set_index("unit")
    assert sums.loc["a", "value"] == 15.0  # two hidden parts: only their sum (5) is known
    assert sums.loc["b", "suppressed"]  # 11 - 9 would give the hidden 2 away
    assert sums.loc["c", "suppressed"]  # 3 is itself small
    assert sums.loc["d", "suppressed"]  # 13 - 10 would show that the hidden parts make 3
    assert "raw_value" not in sums.columns
