from __future__ import annotations

import math

from django import forms
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from seongdong_gov import services


def client_ip(request) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a trusted proxy rewrites REMOTE_ADDR.
    return request.META.get("REMOTE_ADDR") if request is not None else None


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's login form plus the lockout: every attempt is recorded, and after repeated failures the
    account (and the address) is refused for a while without even checking the password."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("사용자 이름 또는 비밀번호가 올바르지 않습니다."),
        "locked": _(
            "로그인에 여러 번 실패하여 잠시 잠겼습니다. %(minutes)s분 뒤에 다시 시도하세요. "
            "급하면 운영 담당(자치행정과)에 문의하세요."
        ),
    }

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()
        ip = client_ip(self.request)
        # count-and-admit is one atomic step (recorded as a failure until the password proves right),
        # so parallel guesses cannot all slip under the limit before any of them is counted
        attempt, until = services.login_attempt_admit(username=username, ip=ip)
        if attempt is None:
            minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
            raise forms.ValidationError(
                self.error_messages["locked"], code="locked", params={"minutes": minutes}
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            services.login_attempt_log(attempt)  # wrong password or inactive account: a failure
            raise
        if self.user_cache is not None:
            services.login_attempt_succeed(attempt=attempt)
        else:  # a blank field checks no password and stays a failure
            services.login_attempt_log(attempt)
        return cleaned


class ThrottledAdminAuthenticationForm(ThrottledAuthenticationForm, AdminAuthenticationForm):
    """The admin's own login page gets the same lockout (it would otherwise be a way around it)."""

    error_messages = {**AdminAuthenticationForm.error_messages, **ThrottledAuthenticationForm.error_messages}


def apply_validation_error(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: field errors on their fields (when the form has them),
    the rest as non-field errors, so a rejected form shows why and keeps what was typed."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


FORM_TEMPLATE = "_form_page.html"


def form_view(
    request,
    form,
    save,
    *,
    success_url,
    message,
    title: str,
    back: str | None = None,
    template: str = FORM_TEMPLATE,
    context: dict | None = None,
):
    """The one submit-and-report-errors path every view shares.

    On a valid POST, `save(form.cleaned_data)` calls a service with plain values. A ValidationError it
    raises goes back onto the form (input kept, status 200); success shows `message` and redirects to
    `success_url` (a URL, a model, or a callable taking save's return value), so a reload never
    re-submits; `message` may also be a callable taking save's return value (e.g. to name the number
    just issued). Anything else renders the form page.
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            text = message(result) if callable(message) else message
            if text:  # a callable may return None when save reported its outcome itself
                messages.success(request, text)
            return redirect(success_url(result) if callable(success_url) else success_url)
    page = {"form": form, "title": title, "back": back, **(context or {})}
    return render(request, template, page)
