from datetime import UTC, date, datetime

import pytest

from dashboards import formatting as f
from dashboards import ladder


@pytest.mark.parametrize(
    "value, decimals, signed, expected",
    [
        (1234567.891, 1, False, "1.234.567,9"),
        (1203351, 0, False, "1.203.351"),
        (0.5, 2, False, "0,50"),
        (-7.11, 1, True, "-7,1"),
        (2.5, 1, True, "+2,5"),
        (-0.04, 1, True, "0,0"),  # never "-0,0"
        (None, 1, False, "–"),
        (float("nan"), 1, False, "–"),
    ],
)
def test_numbers_use_decimal_comma_and_thousands_dot(value, decimals, signed, expected):
    assert f.number(value, decimals, signed) == expected


def test_values_carry_their_danish_unit():
    assert f.with_unit(41.9, "child-years") == "41,9 årsbørn"
    assert f.with_unit(12.345, "%") == "12,3 %"
    assert f.with_unit(1203351.4, "DKK") == "1.203.351 kr."
    assert f.with_unit(-25000, "DKK", signed=True) == "-25.000 kr."
    assert f.points(-19.0) == "-19,0 procentpoint"
    assert f.p_value(0.0004) == "< 0,001"
    assert f.p_value(0.3104) == "0,310"


@pytest.mark.parametrize(
    "period, label, short",
    [
        ("2015", "2015", "2015"),
        ("2015H1", "1. halvår 2015", "1. hå. 2015"),
        ("2015H2", "2. halvår 2015", "2. hå. 2015"),
        ("2015-06", "juni 2015", "jun. 2015"),
    ],
)
def test_periods_read_in_danish(period, label, short):
    assert f.period_label(period) == label
    assert f.period_short(period) == short


def test_timestamps_shown_in_copenhagen_time():
    # naive timestamps from the marts are UTC; winter time is UTC+1, summer time UTC+2
    assert f.datetime_label(datetime(2016, 1, 5, 9, 30)) == "5. januar 2016 kl. 10.30"
    assert f.datetime_label(datetime(2016, 7, 1, 22, 5, tzinfo=UTC)) == "2. juli 2016 kl. 00.05"
    assert f.datetime_label(None) == "ukendt"
    assert f.date_label(date(2013, 2, 28)) == "28. februar 2013"


@pytest.mark.parametrize(
    "move, direction",
    [
        ("5>4", ladder.DOWN),
        ("5>2", ladder.DOWN),
        ("1>2", ladder.UP),
        ("3>3", ladder.SAME),
        ("entry>3", ladder.ENTRY),
        ("2>exit", ladder.EXIT),
    ],
)
def test_ladder_moves_have_a_direction(move, direction):
    assert ladder.direction(move) == direction


def test_a_malformed_ladder_move_is_named():
    with pytest.raises(ValueError, match="'5-4'"):
        ladder.direction("5-4")


def test_move_labels_name_the_steps():
    assert ladder.move_label("5>4") == "5 · Døgninstitution → 4 · Plejefamilie"
    assert ladder.move_label("entry>1") == "Ingen indsats → 1 · Forebyggelse"
