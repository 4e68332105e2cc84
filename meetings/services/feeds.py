"""The personal iCalendar feed token."""

from __future__ import annotations

import secrets

from django.db import transaction

from meetings.models import FeedToken
from seongdong_gov.audit import audit_record


def feed_token_renew(*, actor) -> FeedToken:
    """A new secret for the user's iCalendar feed; the old URL stops working."""
    with transaction.atomic():
        token, _c = FeedToken.objects.get_or_create(user=actor, defaults={"token": secrets.token_urlsafe(32)})
        if not _c:
            token.token = secrets.token_urlsafe(32)
            token.save()
        audit_record(actor=actor, action="feed_token_renew", obj=token)
    return token
