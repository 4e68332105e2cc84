"""Attendance allowances (참석수당): the amount due and the tax withheld from it (issue 16 §2).

Pure functions on plain values. An allowance paid to a member of a committee for attending is other
income (기타소득, 소득세법 제21조①15호 라목 "위원회 등의 보수를 받지 아니하는 위원 등이 받는 수당").

Withholding, as the tables below state it (one table per period, because the law changes):

- necessary expenses (필요경비) of 60 % of the payment are deemed (소득세법 제37조②, 시행령 제87조 1호의2),
  so the other-income amount (기타소득금액) is 40 % of the payment;
- no tax when the other-income amount of one payment is 50,000 won or less (과세최저한, 소득세법 제84조
  3호), i.e. a payment of 125,000 won or less;
- otherwise income tax of 20 % of the other-income amount (소득세법 제129조①6호) and local income tax
  of 10 % of that income tax (지방세법 제103조의13), 8.8 % of the payment together;
- each tax in whole won with amounts below 10 won truncated (국고금관리법 제47조 끝수 처리, as withholding
  practice writes it: 10원 미만 절사).

The table applies by the day of payment (기타소득의 수입시기는 지급을 받은 날, 소득세법 시행령 제50조①),
not by the day of the meeting.

Exact arithmetic throughout (Fraction): 125,001 × 40 % = 50,000.4 is above the threshold, as the law reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

# Why a member is paid nothing (shown on the payment list).
EXCLUDED_EX_OFFICIO = "ex_officio"
EXCLUDED_OFFICIAL = "official"
NOT_ATTENDED = "not_attended"


@dataclass(frozen=True)
class WithholdingTable:
    """One period's withholding parameters; `effective_from` is the first payment day it applies to."""

    effective_from: dt.date
    necessary_expense_rate: Fraction
    exempt_other_income_max: int
    income_tax_rate: Fraction
    local_tax_rate: Fraction
    truncate_below: int
    sources: str


# Add a row when the law changes; `table_for` picks the one in force on the payment day.
WITHHOLDING_TABLES: tuple[WithholdingTable, ...] = (
    WithholdingTable(
        effective_from=dt.date(2000, 1, 1),  # 필요경비 80 % until 2018. 3. 31.
        necessary_expense_rate=Fraction(80, 100),
        exempt_other_income_max=50_000,
        income_tax_rate=Fraction(20, 100),
        local_tax_rate=Fraction(10, 100),
        truncate_below=10,
        sources="소득세법 제21조·제84조·제129조, 같은 법 시행령 제87조 (2018. 2. 13. 개정 전)",
    ),
    WithholdingTable(
        effective_from=dt.date(2018, 4, 1),  # 필요경비 70 % for 2018. 4. 1.–12. 31. (시행령 부칙)
        necessary_expense_rate=Fraction(70, 100),
        exempt_other_income_max=50_000,
        income_tax_rate=Fraction(20, 100),
        local_tax_rate=Fraction(10, 100),
        truncate_below=10,
        sources="소득세법 제21조·제84조·제129조, 같은 법 시행령 제87조 (2018. 2. 13. 개정)",
    ),
    WithholdingTable(
        effective_from=dt.date(2019, 1, 1),  # 필요경비 60 % since 2019 (시행령 제87조 개정, 2018. 2. 13.)
        necessary_expense_rate=Fraction(60, 100),
        exempt_other_income_max=50_000,
        income_tax_rate=Fraction(20, 100),
        local_tax_rate=Fraction(10, 100),
        truncate_below=10,
        sources="소득세법 제21조·제84조·제129조, 같은 법 시행령 제87조, 지방세법 제103조의13",
    ),
)


@dataclass(frozen=True)
class Withholding:
    payment: int
    other_income: Fraction
    income_tax: int
    local_tax: int

    @property
    def tax(self) -> int:
        return self.income_tax + self.local_tax

    @property
    def net(self) -> int:
        return self.payment - self.tax


def table_for(day: dt.date, tables: tuple[WithholdingTable, ...] = WITHHOLDING_TABLES) -> WithholdingTable:
    """The table in force on `day` (the latest whose `effective_from` is on or before it)."""
    in_force = [t for t in tables if t.effective_from <= day]
    if not in_force:
        raise ValueError(f"no withholding table in force on {day}")
    return max(in_force, key=lambda t: t.effective_from)


def truncate(amount: Fraction | int, unit: int) -> int:
    """Whole won with the part below `unit` dropped (절사), never rounded up."""
    return int(amount // unit) * unit


def withholding(payment: int, table: WithholdingTable) -> Withholding:
    """The tax withheld from one allowance `payment` (won) under `table` (rules in the module docstring)."""
    if payment < 0:
        raise ValueError("payment must not be negative")
    other_income = Fraction(payment) * (1 - table.necessary_expense_rate)
    if other_income <= table.exempt_other_income_max:
        return Withholding(payment=payment, other_income=other_income, income_tax=0, local_tax=0)
    income_tax = truncate(other_income * table.income_tax_rate, table.truncate_below)
    local_tax = truncate(income_tax * table.local_tax_rate, table.truncate_below)
    return Withholding(payment=payment, other_income=other_income, income_tax=income_tax, local_tax=local_tax)


def allowance_amount(*, base: int, bands: list[tuple[int, int]], minutes: int) -> int:
    """The allowance for attending a meeting of `minutes`: the amount of the longest band (minimum
    minutes, amount) the meeting reaches, else `base`. A body without bands pays `base`."""
    reached = [(floor, amount) for floor, amount in bands if minutes >= floor]
    return max(reached)[1] if reached else base


def exclusion_label(reason: str) -> str:
    return {
        EXCLUDED_EX_OFFICIO: _("당연직 공무원 (소관 업무로 참석)"),
        EXCLUDED_OFFICIAL: _("공무원 (소관 업무로 참석)"),
        NOT_ATTENDED: _("불참"),
    }.get(reason, "")
