"""What the meetings views share: the POST buttons that run one service without a form."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect


def post_action(request, action: Callable, *, redirect_to, message: str | Callable | None = None):
    """Run `action()` (a service); a refusal (ValidationError) is shown as an error message, success
    as `message` (a string, or a callable taking the action's result); then redirect."""
    try:
        result = action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if message:
            messages.success(request, message(result) if callable(message) else message)
    return redirect(redirect_to)
