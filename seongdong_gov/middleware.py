from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# No inline scripts or styles anywhere in our templates, so neither needs 'unsafe-inline'.
STRICT_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Django's own admin still writes a few inline style attributes; it is reachable by administrators only.
ADMIN_POLICY = STRICT_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            policy = ADMIN_POLICY if request.path.startswith("/admin/") else STRICT_POLICY
            response["Content-Security-Policy"] = policy
        return response


class SessionRefreshMiddleware:
    """The inactivity timeout without a database write on every request. SESSION_SAVE_EVERY_REQUEST
    restarted the session's age by an UPDATE and a commit on each page view (three queries, a WAL flush);
    here the session is saved (its age restarted, its cookie re-sent) at most once per
    SESSION_REFRESH_SECONDS, so a session idle for SESSION_COOKIE_AGE − SESSION_REFRESH_SECONDS to
    SESSION_COOKIE_AGE seconds has expired. Listed after SessionMiddleware, so its response step runs
    first and SessionMiddleware saves what it marks."""

    KEY = "_refreshed_at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # no cookie, no session to keep alive (and none is created for an anonymous visitor)
        if session is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return response
        now = int(time.time())
        last = session.get(self.KEY, 0)
        if session.is_empty():  # logged out, or an expired or unknown key
            return response
        if session.modified or now - last >= settings.SESSION_REFRESH_SECONDS:
            session[self.KEY] = now
        return response
