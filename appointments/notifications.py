"""E-mail about appointments: terms ending in 60 and 30 days (the member and the governance staff) and a
certificate ready to download (the member). Text in templates/appointments/mail/."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from appointments import selectors
from appointments.models import Certificate
from committees.enums import NotificationKind as Kind
from committees.models import Membership
from committees.notifications import Outcome, notify, staff_users
from seongdong_gov.mail import absolute_url
from seongdong_gov.rules import date_dots

# the two warnings before a term ends: time to recommend a successor, then to prepare the appointment
TERM_WARNING_DAYS = (60, 30)


def notify_term_ending(membership: Membership, *, days: int) -> Outcome:
    """The member and the staff; the dedup key (membership, end, days) makes the daily command idempotent."""
    context = {
        "membership": membership,
        "person": membership.person,
        "body": membership.body,
        "end": date_dots(membership.end),
        "days": days,
        "url": absolute_url(membership.body.get_absolute_url()),
    }
    key = f"term_ending:{membership.pk}:{membership.end.isoformat()}:{days}"
    return notify(
        kind=Kind.TERM_ENDING,
        template="appointments/mail/term_ending",
        context=context,
        persons=[membership.person],
        users=staff_users(),
        about=membership,
        dedup_key=key,
    )


def notify_certificate_ready(certificate: Certificate, *, actor=None) -> Outcome:
    membership = certificate.appointment.membership
    context = {
        "certificate": certificate,
        "body": membership.body,
        "url": absolute_url(reverse("appointments:certificate_pdf", args=[certificate.pk])),
    }
    return notify(
        kind=Kind.CERTIFICATE_READY,
        template="appointments/mail/certificate_ready",
        context=context,
        persons=[membership.person],
        about=certificate,
        actor=actor,
    )


def terms_ending_on(today: dt.date, days: int):
    """Appointed memberships whose term ends exactly `days` after `today`."""
    return selectors.ending_within(today, days).filter(end=today + dt.timedelta(days=days))
