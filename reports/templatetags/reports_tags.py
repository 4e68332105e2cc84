from django import template

from reports.labels import STATUS_LABELS
from reports.rules import Status

register = template.Library()


@register.filter
def status_label(value) -> str:
    try:
        return str(STATUS_LABELS[Status(value)])
    except ValueError:
        return ""


@register.filter
def ym(value) -> str:
    """A month as `2026. 3.` (행정업무규정 date style without the day)."""
    return f"{value.year}. {value.month}."
