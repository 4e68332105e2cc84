"""One-time submission keys: a create form carries a fresh key in a hidden field, and the service claims
it inside its own transaction, so a repeated or double-clicked POST of the same form creates one record.
A unique row (SubmissionKey.key) decides, so two requests racing with the same key cannot both win:
the second waits for the first's transaction and then fails on the unique index."""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from seongdong_gov.models import SubmissionKey


def new_key() -> str:
    return uuid.uuid4().hex


def submission_key_field() -> forms.CharField:
    """The hidden field of a create form: a new key each time the form is first shown, kept when the form
    comes back with errors (the failed attempt's claim was rolled back with its transaction)."""
    return forms.CharField(widget=forms.HiddenInput, initial=new_key, required=False, max_length=64)


def submission_claim(*, key: str | None) -> None:
    """Claim `key` inside the caller's transaction; a key already claimed means the same form was already
    submitted, and the whole write is refused (code "duplicate", params {"result": what the first
    submission recorded with `submission_done`, "" if nothing}). No key (a call from code, not a
    form): nothing to claim. Side effects: one SubmissionKey row, kept or rolled back with the caller's
    transaction."""
    if not key:
        return
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction survives the refusal
            SubmissionKey.objects.create(key=key)
    except IntegrityError as exc:
        # the first submission has committed by now (the unique index made this one wait for it)
        result = SubmissionKey.objects.filter(key=key).values_list("result", flat=True).first() or ""
        raise ValidationError(
            _("이미 처리된 요청입니다. 같은 요청은 한 번만 기록됩니다."),
            code="duplicate",
            params={"result": result},
        ) from exc


def submission_done(*, key: str | None, result: str) -> None:
    """Record what the submission created ("vote:12"), so a repeat can show it instead of an error.
    Side effects: the SubmissionKey row's result."""
    if key:
        SubmissionKey.objects.filter(key=key).update(result=result[:100])


def duplicate_of(exc: ValidationError) -> str | None:
    """The first submission's result when `exc` refused a repeated submission, else None."""
    errors = getattr(exc, "error_list", [])
    if len(errors) == 1 and errors[0].code == "duplicate":
        return (errors[0].params or {}).get("result", "")
    return None
