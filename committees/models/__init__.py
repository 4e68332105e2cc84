"""The committees app's models, by sub-domain; every name is importable from `committees.models`."""

from committees.models.bodies import Body, Membership, Seat, SeatGroup
from committees.models.calendar import CalendarException, NotificationPreference
from committees.models.people import Gender, OrgUnit, Person, Post, PostHolding

__all__ = [
    "Body",
    "CalendarException",
    "Gender",
    "Membership",
    "NotificationPreference",
    "OrgUnit",
    "Person",
    "Post",
    "PostHolding",
    "Seat",
    "SeatGroup",
]
