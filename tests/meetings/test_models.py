import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from meetings.models import Meeting

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.mark.parametrize(
    ("starts", "original", "moved"),
    [
        # 08:00 in Seoul is 23:00 UTC the day before: the Seoul date decides
        # (as the database returns it, in UTC)
        (dt.datetime(2026, 9, 28, 8, 0, tzinfo=SEOUL).astimezone(dt.UTC), dt.date(2026, 9, 28), False),
        (dt.datetime(2026, 9, 28, 8, 0, tzinfo=SEOUL).astimezone(dt.UTC), dt.date(2026, 9, 25), True),
        (dt.datetime(2026, 9, 28, 16, 0, tzinfo=SEOUL), dt.date(2026, 9, 28), False),
        (dt.datetime(2026, 9, 28, 16, 0, tzinfo=SEOUL).astimezone(dt.UTC), dt.date(2026, 9, 25), True),
        (dt.datetime(2026, 9, 28, 16, 0, tzinfo=SEOUL), None, False),
    ],
)
def test_meeting_moved_compares_seoul_dates(starts, original, moved):
    assert Meeting(starts_at=starts, ends_at=starts, original_date=original).moved is moved
