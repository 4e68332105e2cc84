"""The one path from "someone should be told" to the outbox, shared by every app's notifications module.

An app's notifications module picks the people and the template; `notify` here drops those who turned the
(optional) kind off, renders the text and a simple HTML version of the same text, queues one message per
address in the caller's transaction, and records the people who have no address as «not reachable» (an
audit entry that staff see on the outbox page).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Model
from django.template.loader import render_to_string
from django.urls import reverse

from committees.enums import MANDATORY_NOTIFICATIONS, NotificationKind
from committees.models import NotificationPreference, Person
from committees.permissions import GOVERNANCE_STAFF_GROUP
from seongdong_gov.audit import audit_record
from seongdong_gov.mail import Recipient, absolute_url, queue_many
from seongdong_gov.models import OutboundMessage

UNREACHABLE_ACTION = "mail_unreachable"


@dataclass
class Outcome:
    """What one send did: how many messages were queued and who could not be reached (no address)."""

    queued: int = 0
    unreachable: list[str] = field(default_factory=list)

    def __add__(self, other: Outcome) -> Outcome:
        return Outcome(self.queued + other.queued, self.unreachable + other.unreachable)


def is_optional(kind: str) -> bool:
    return kind not in MANDATORY_NOTIFICATIONS


def opted_out(person_ids: Iterable[int], kind: str) -> set[int]:
    """The persons among `person_ids` who turned `kind` off (always empty for a legal notice)."""
    if not is_optional(kind):
        return set()
    return set(
        NotificationPreference.objects.filter(
            person_id__in=list(person_ids), kind=kind, enabled=False
        ).values_list("person_id", flat=True)
    )


def staff_users():
    """Active governance staff with an address (the 자치행정과 team)."""
    return get_user_model().objects.filter(groups__name=GOVERNANCE_STAFF_GROUP, is_active=True).distinct()


def notify(
    *,
    kind: NotificationKind | str,
    template: str,
    context: dict,
    persons: Iterable[Person] = (),
    users: Iterable = (),
    about: Model | None = None,
    actor=None,
    dedup_key: str | None = None,
) -> Outcome:
    """Queue `template` (`<template>_subject.txt` and `<template>.txt`) to each person and user once.

    Users are reached at their account's address (and count as their person, if they have one, for the
    opt-out). Side effects, all in the caller's transaction: one OutboundMessage (and send task) per
    address; for persons without an address, an audit entry «mail_unreachable» on `about` naming them.
    With a `dedup_key` already used, does nothing (a scheduled command may run twice).
    """
    kind = str(kind)
    if (
        dedup_key is not None
        and OutboundMessage.objects.filter(dedup_key__startswith=f"{dedup_key}:").exists()
    ):
        # this notice went out already (a scheduled command run twice): nothing to queue or to report again
        return Outcome()
    persons = list(persons)
    users = list(users)
    user_persons = dict(Person.objects.filter(user__in=[u.pk for u in users]).values_list("user_id", "pk"))
    off = opted_out([p.pk for p in persons] + list(user_persons.values()), kind)
    # keyed by the lower-cased address so one mailbox gets one copy; the address keeps its own spelling
    addressees: dict[str, tuple[str, int | None]] = {}
    unreachable: list[str] = []
    for person in persons:
        if person.pk in off:
            continue
        if not person.email:
            unreachable.append(person.name)
        else:
            addressees.setdefault(person.email.lower(), (person.email, person.pk))
    for user in users:
        person_id = user_persons.get(user.pk)
        if user.email and person_id not in off:
            addressees.setdefault(user.email.lower(), (user.email, person_id))
    unreachable = sorted(set(unreachable))
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    text = render_to_string(f"{template}.txt", context).rstrip("\n")
    settings_url = absolute_url(reverse("committees:notification_settings")) if is_optional(kind) else ""
    html = render_to_string(
        "committees/mail/_html.html", {"subject": subject, "text": text, "settings_url": settings_url}
    )
    headers = {"List-Unsubscribe": f"<{settings_url}>"} if settings_url else None
    with transaction.atomic():
        messages = queue_many(
            recipients=[Recipient(to=to, person_id=pid, headers=headers) for to, pid in addressees.values()],
            subject=subject,
            text=text,
            html=html,
            kind=kind,
            dedup_key=dedup_key,
        )
        if unreachable and about is not None:
            audit_record(
                actor=actor, action=UNREACHABLE_ACTION, obj=about, note=f"{kind}: {', '.join(unreachable)}"
            )
    return Outcome(queued=len(messages), unreachable=unreachable)
