import datetime as dt

import pytest

from committees.workdays import WorkingCalendar
from meetings import schedule

D = dt.date
CAL = WorkingCalendar()


def _by_nominal(kind, start, end, policy="next", **kw):
    return {o.nominal: o for o in schedule.occurrences(kind, start, end, CAL, policy, **kw)}


@pytest.mark.parametrize(
    ("nominal", "date", "reason"),
    [
        (D(2016, 1, 10), D(2016, 1, 11), "일요일"),
        (D(2016, 2, 10), D(2016, 2, 11), "설날 대체 휴일"),
        (D(2016, 3, 10), D(2016, 3, 10), ""),
        (D(2016, 4, 10), D(2016, 4, 11), "일요일"),
        (D(2016, 7, 10), D(2016, 7, 11), "일요일"),
        (D(2016, 9, 10), D(2016, 9, 12), "토요일"),
        (D(2016, 12, 10), D(2016, 12, 12), "토요일"),
    ],
)
def test_monthly_10th_2016_moves_to_next_working_day(nominal, date, reason):
    occ = _by_nominal("monthly_day", D(2016, 1, 1), D(2016, 12, 31), day_of_month=10)[nominal]
    assert (occ.date, occ.reason, occ.moved) == (date, reason, bool(reason))


def test_monthly_10th_2016_falls_on_non_working_day_six_times():
    occ = schedule.occurrences("monthly_day", D(2016, 1, 1), D(2016, 12, 31), CAL, day_of_month=10)
    assert len(occ) == 12
    assert sum(o.moved for o in occ) == 6


@pytest.mark.parametrize(
    ("nominal", "policy", "date", "reason", "flagged"),
    [
        (D(2026, 9, 25), "next", D(2026, 9, 28), "추석", False),
        (D(2026, 10, 9), "next", D(2026, 10, 12), "한글날", False),
        (D(2026, 12, 25), "next", D(2026, 12, 28), "기독탄신일", False),
        (D(2026, 9, 25), "previous", D(2026, 9, 23), "추석", False),  # 추석 9. 24.–26.
        (D(2026, 10, 9), "previous", D(2026, 10, 8), "한글날", False),
        (D(2026, 12, 25), "keep", D(2026, 12, 25), "기독탄신일", True),
        (D(2026, 1, 9), "next", D(2026, 1, 9), "", False),
    ],
)
def test_second_fourth_friday_2026(nominal, policy, date, reason, flagged):
    occ = _by_nominal("second_fourth_friday", D(2026, 1, 1), D(2026, 12, 31), policy)[nominal]
    assert (occ.date, occ.reason, occ.flagged) == (date, reason, flagged)


def test_second_fourth_friday_2016_dates():
    dates = schedule.nominal_dates("second_fourth_friday", D(2016, 1, 1), D(2016, 2, 29))
    assert dates == [D(2016, 1, 8), D(2016, 1, 22), D(2016, 2, 12), D(2016, 2, 26)]


def test_quarterly_every_three_months():
    dates = schedule.nominal_dates("quarterly", D(2016, 1, 15), D(2016, 12, 31))
    assert dates == [D(2016, 1, 15), D(2016, 4, 15), D(2016, 7, 15), D(2016, 10, 15)]


def test_ad_hoc_has_no_occurrences():
    assert schedule.nominal_dates("ad_hoc", D(2016, 1, 1), D(2016, 12, 31)) == []


def test_staff_closure_moves_a_meeting():
    cal = WorkingCalendar(closures={D(2016, 3, 10): "구청 휴무"})
    occ = schedule.occurrences("monthly_day", D(2016, 3, 1), D(2016, 3, 31), cal, day_of_month=10)
    assert (occ[0].date, occ[0].reason) == (D(2016, 3, 11), "구청 휴무")


def test_host_rotation():
    hosts = ["추진단", "민간협의체", "추진지원단"]
    assert [schedule.host_for(i, hosts) for i in range(4)] == ["추진단", "민간협의체", "추진지원단", "추진단"]
