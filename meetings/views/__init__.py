"""Thin views by sub-domain: fetch through meetings.permissions (404 outside a user's reach, 403 for what
the role may not change), call a service with plain values, render."""
