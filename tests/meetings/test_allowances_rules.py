import datetime as dt
from fractions import Fraction

import pytest

from meetings.rules import allowances as rule

TABLE = rule.table_for(dt.date(2026, 1, 1))


@pytest.mark.parametrize(
    ("payment", "income_tax", "local_tax"),
    [
        (0, 0, 0),
        (100_000, 0, 0),
        (125_000, 0, 0),  # other income exactly 50,000: 과세최저한
        (125_001, 10_000, 1_000),  # 50,000.4 × 20 % = 10,000.08 → 10,000; 1,000
        (130_000, 10_400, 1_040),
        (150_000, 12_000, 1_200),
        (155_550, 12_440, 1_240),  # 12,444 → 12,440 (10원 미만 절사); 1,244 → 1,240
        (200_000, 16_000, 1_600),
        (1_000_000, 80_000, 8_000),
    ],
)
def test_withholding_table(payment, income_tax, local_tax):
    w = rule.withholding(payment, TABLE)
    assert (w.income_tax, w.local_tax, w.tax, w.net) == (
        income_tax,
        local_tax,
        income_tax + local_tax,
        payment - income_tax - local_tax,
    )


def test_withholding_other_income_is_forty_percent():
    assert rule.withholding(125_001, TABLE).other_income == Fraction(250_002, 5)


def test_withholding_negative_refused():
    with pytest.raises(ValueError):
        rule.withholding(-1, TABLE)


def test_table_for_picks_latest_in_force():
    later = rule.WithholdingTable(
        effective_from=dt.date(2030, 1, 1),
        necessary_expense_rate=Fraction(1, 2),
        exempt_other_income_max=100_000,
        income_tax_rate=Fraction(20, 100),
        local_tax_rate=Fraction(10, 100),
        truncate_below=10,
        sources="가정",
    )
    tables = (*rule.WITHHOLDING_TABLES, later)
    assert rule.table_for(dt.date(2029, 12, 31), tables) == TABLE
    assert rule.table_for(dt.date(2030, 1, 1), tables) == later
    # under the changed table 200,000 won is 100,000 of other income: exempt
    assert rule.withholding(200_000, later).tax == 0


def test_table_for_before_any_table_refused():
    with pytest.raises(ValueError):
        rule.table_for(dt.date(1999, 12, 31))


@pytest.mark.parametrize(
    ("paid_on", "payment", "tax"),
    [
        # 80 % expenses: 250,000 won is 50,000 of other income, still exempt; 300,000 → 12,000 + 1,200
        (dt.date(2016, 1, 15), 250_000, 0),
        (dt.date(2016, 1, 15), 300_000, 13_200),
        # 70 % expenses from 2018. 4. 1.: 166,666 → 49,999.8 exempt; 200,000 → 60,000: 12,000 + 1,200
        (dt.date(2018, 4, 1), 166_666, 0),
        (dt.date(2018, 12, 31), 200_000, 13_200),
        # 60 % from 2019
        (dt.date(2019, 1, 1), 200_000, 17_600),
    ],
)
def test_withholding_by_payment_day(paid_on, payment, tax):
    assert rule.withholding(payment, rule.table_for(paid_on)).tax == tax


@pytest.mark.parametrize(
    ("bands", "minutes", "amount"),
    [
        ([], 30, 150_000),
        ([(120, 200_000)], 119, 150_000),
        ([(120, 200_000)], 120, 200_000),
        ([(120, 200_000), (240, 250_000)], 300, 250_000),
    ],
)
def test_allowance_amount_bands(bands, minutes, amount):
    assert rule.allowance_amount(base=150_000, bands=bands, minutes=minutes) == amount
