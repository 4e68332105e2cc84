"""The project's ranges for dates and query-string numbers, in one place (issue 11).

Out-of-range values break pages long after they were stored (`0001-01-01` overflows date arithmetic,
`9999-12-31` plus a few days is past Python's year 9999), so every date the product stores has a range
that makes sense for it, enforced by the form (a Korean message) and by the database (a check
constraint built here). Pure helpers: this module imports no app, so models' `Meta` can use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Birth dates: nobody alive and serving was born before 1900; nobody is born tomorrow.
BIRTH_DATE_MIN = dt.date(1900, 1, 1)
# Meetings, series, terms, closures and deadlines: a window wide enough for any record the office keeps
# (the oldest bodies date from the 2000s) and far from the ends of Python's and PostgreSQL's date types.
DATE_MIN = dt.date(2000, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)
# The database keeps birth dates within this window (today moves, so the table can't say "today").
BIRTH_DATE_DB_MAX = DATE_MAX

# The same window for date-times in the database, a day wider on each side: the forms judge a date-time
# by its Seoul date, so 2000-01-01 00:00 KST (1999-12-31 15:00 UTC) must pass the table too.
DATETIME_MIN = dt.datetime(1999, 12, 31, tzinfo=dt.UTC)
DATETIME_MAX = dt.datetime(2101, 1, 2, tzinfo=dt.UTC)

# Row ids in a query string (`?body=`, `?seat=`): the range of an integer primary key.
ID_MAX = 2_147_483_647

# Free text that users fill (remarks, reasons, narratives): long enough for any real note, short enough
# that a pasted document or a 10 MB POST does not end up in a column and on every page that shows it.
TEXT_MAX = 10_000
# The minutes' remarks of one item are the longest text a user types (a long debate's summary).
LONG_TEXT_MAX = 50_000


def birth_date_max() -> dt.date:
    """Today (local date): computed per call, never frozen at import time."""
    return timezone.localdate()


def _format(day: dt.date) -> str:
    return f"{day.year}. {day.month}. {day.day}."


def validate_birth_date(value: dt.date) -> None:
    """Refuse a birth date before 1900 or after today. Raises ValidationError(code="birth_date_range")."""
    if value is None:
        return
    if isinstance(value, dt.datetime):
        value = value.date()
    if not BIRTH_DATE_MIN <= value <= birth_date_max():
        raise ValidationError(
            _("생년월일은 %(min)s부터 오늘까지만 입력할 수 있습니다."),
            code="birth_date_range",
            params={"min": _format(BIRTH_DATE_MIN)},
        )


def validate_office_date(value: dt.date) -> None:
    """Refuse a date outside 2000–2100 (meetings, series, terms, closures, deadlines).
    Raises ValidationError(code="date_range")."""
    if value is None:
        return
    if isinstance(value, dt.datetime):
        value = value.date()
    if not DATE_MIN <= value <= DATE_MAX:
        raise ValidationError(
            _("날짜는 %(min)s부터 %(max)s까지만 입력할 수 있습니다."),
            code="date_range",
            params={"min": _format(DATE_MIN), "max": _format(DATE_MAX)},
        )


def validate_office_datetime(value: dt.datetime) -> None:
    """The same window for a date and time, judged by its local (Seoul) date."""
    if value is None:
        return
    if timezone.is_aware(value):
        try:
            value = timezone.localtime(value)
        except OverflowError:  # 0001-01-01 00:00 UTC has no local time east of Greenwich
            raise ValidationError(
                _("날짜는 %(min)s부터 %(max)s까지만 입력할 수 있습니다."),
                code="date_range",
                params={"min": _format(DATE_MIN), "max": _format(DATE_MAX)},
            ) from None
    validate_office_date(value.date())


def date_range_constraint(
    field: str,
    name: str,
    *,
    low: dt.date = DATE_MIN,
    high: dt.date = DATE_MAX,
    nullable: bool = False,
    datetime: bool = False,
) -> models.CheckConstraint:
    """A database check constraint keeping `field` within [low, high] (default: the office window).

    For a DateTimeField pass `datetime=True`: the bounds are then DATETIME_MIN/MAX (aware, a day wider);
    the forms' validators, not the database, carry the Korean message.
    """
    if datetime:
        low, high = DATETIME_MIN, DATETIME_MAX
    condition = models.Q(**{f"{field}__gte": low, f"{field}__lte": high})
    if nullable:
        condition |= models.Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=condition, name=name)


def out_of_range_rows(apps, specs) -> list[str]:
    """Rows outside their date range, for a data migration run before the range constraints.

    `specs` are (model label, field, low, high) tuples; returns one line per offending row
    (`label pk=… field=value`). Used by `abort_on_out_of_range`.
    """
    lines = []
    for label, field, low, high in specs:
        model = apps.get_model(label)
        outside = model.objects.exclude(**{f"{field}__isnull": True}).exclude(
            **{f"{field}__gte": low, f"{field}__lte": high}
        )
        for pk, value in outside.values_list("pk", field).order_by("pk")[:200]:
            lines.append(f"{label} pk={pk} {field}={value}")
    return lines


def abort_on_out_of_range(specs):
    """A RunPython function that lists stored rows outside their range and stops the migration.

    Clamping would silently change the record (a meeting's date, a birth date), so nothing is changed:
    the admin fixes the listed rows in the Django admin and runs `migrate` again. Fresh and demo
    databases have none.
    """

    def check(apps, schema_editor) -> None:
        lines = out_of_range_rows(apps, specs)
        if lines:
            message = (
                "Stored dates outside the allowed range (issue 11); fix these rows in the admin "
                "(/admin/) and run migrate again:\n  " + "\n  ".join(lines)
            )
            print(message)
            raise RuntimeError(message)

    return check


def int_param(source, name: str, *, default: int, min: int, max: int) -> int:
    """The integer query-string parameter `name` from a request (its GET) or a QueryDict.

    Missing or empty gives `default`; anything else that is not a plain decimal integer within
    [min, max] raises Http404, so `?year=-1`, `?year=0`, `?year=99999999999999999999` and `?page=abc`
    end in a 404 page instead of an exception deep inside the view.
    """
    params: Mapping = getattr(source, "GET", source)
    raw = params.get(name)
    if raw is None or str(raw).strip() == "":
        return default
    text = str(raw).strip()
    # digits only (with one leading minus): no "1e3", "0x10", "١٢" (int() accepts other scripts' digits)
    body = text[1:] if text.startswith("-") else text
    if not (body.isascii() and body.isdigit()) or len(body) > 18:
        raise Http404(f"bad {name}")
    value = int(text)
    if not min <= value <= max:
        raise Http404(f"{name} out of range")
    return value
