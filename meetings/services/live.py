"""The sitting, live (issue 15 §3): the item under discussion, and the secret link of the room's screen."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import AgendaItem, Meeting, ScreenLink
from meetings.selectors.live import screen_digest
from meetings.services.guard import meeting_for_write
from seongdong_gov.audit import audit_record, snapshot

# 32 random bytes: 256 bits, far beyond guessing through a URL
TOKEN_BYTES = 32


def meeting_current_item_set(
    *, actor, meeting: Meeting, item: AgendaItem | None, now: dt.datetime | None = None
) -> Meeting:
    """Mark `item` as the one under discussion (None: none). Only once the sitting has begun and until
    its minutes are approved (lifecycle action "current_item"), and only an item of this meeting.
    Side effects: Meeting.current_item, an AuditEntry "current_item" with the before/after values."""
    with transaction.atomic():
        locked = meeting_for_write(meeting_id=meeting.pk, action="current_item", now=now)
        if item is not None and item.meeting_id != locked.pk:
            raise ValidationError(_("이 회의의 안건이 아닙니다."), code="other_meeting")
        if locked.current_item_id == (item.pk if item else None):
            return locked
        before = snapshot(locked, ["current_item"])
        locked.current_item = item
        locked.save()
        audit_record(
            actor=actor,
            action="current_item",
            obj=locked,
            before=before,
            after=snapshot(locked, ["current_item"]),
            note=str(item) if item else "",
        )
    return locked


def screen_link_create(*, actor, meeting: Meeting, now: dt.datetime | None = None) -> str:
    """A new secret link for the meeting room's screen; the live one, if any, is revoked in the same
    transaction (its URL answers 404 at once). Returns the token: only its digest is stored, so the
    caller shows it this once. Side effects: ScreenLink rows, AuditEntry "screen_link_revoke" for the
    replaced link and "screen_link_create"."""
    with transaction.atomic():
        locked = meeting_for_write(meeting_id=meeting.pk, action="screen_link", now=now)
        _revoke_live(actor=actor, meeting=locked, now=now or timezone.now())
        token = secrets.token_urlsafe(TOKEN_BYTES)
        link = ScreenLink.objects.create(
            meeting=locked, digest=screen_digest(token), created_by=actor if actor else None
        )
        audit_record(actor=actor, action="screen_link_create", obj=link, after=snapshot(link, ["meeting"]))
    return token


def screen_link_revoke(*, actor, meeting: Meeting, now: dt.datetime | None = None) -> int:
    """Revoke the meeting's live screen link: its URL answers 404 from now on. Allowed in any state
    (closing a leaked link must always be possible); refused when there is none. Returns the number
    revoked. Side effects: ScreenLink.revoked_at, an AuditEntry "screen_link_revoke"."""
    with transaction.atomic():
        n = _revoke_live(actor=actor, meeting=meeting, now=now or timezone.now())
        if n == 0:
            raise ValidationError(_("폐기할 회의장 화면 주소가 없습니다."), code="none")
    return n


def _revoke_live(*, actor, meeting: Meeting, now: dt.datetime) -> int:
    links = list(ScreenLink.objects.select_for_update().filter(meeting=meeting, revoked_at__isnull=True))
    for link in links:
        before = snapshot(link, ["revoked_at"])
        link.revoked_at = now
        link.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action="screen_link_revoke",
            obj=link,
            before=before,
            after=snapshot(link, ["revoked_at"]),
        )
    return len(links)
