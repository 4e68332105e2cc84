"""What the benchmark requests: one entry per GET-able URL of the product (issue 14 §1).

`ENTRIES` maps a URL name to how its path arguments are built from the data present (`Fixtures`: the
largest body, its busiest meeting, the busiest unit…, so that the same entry measures the demo data and
the district-scale data), which role requests it, and the strings that prove the page shows the right
data (the meeting's title, the body's name, a figure). `tests/test_bench_coverage.py` walks the URL
configuration and fails when a GET-able URL has no entry here, like the permission matrix does.

The accounts per role come from `Fixtures.usernames`: on the demo data the demo accounts, on the
district-scale data the `bench_*` accounts that `bench.data` places in the largest bodies and units.
"""

from __future__ import annotations

import datetime as dt
import html
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

# Pages whose target is the stricter one (p95 ≤ 10× the bare view): the pages every user sees first.
STRICT_PAGES = {"home", "meetings:portal", "meetings:detail"}

# Django's admin: the changelists of the models that grow with the district (issue 14 §1).
ADMIN_CHANGELISTS = {
    "admin:appointments_certificate_changelist",
    "admin:appointments_appointment_changelist",
    "admin:committees_seat_changelist",
    "admin:committees_membership_changelist",
    "admin:committees_person_changelist",
    "admin:meetings_meeting_changelist",
    "admin:reports_report_changelist",
}

# URL names that are not pages of the product: authentication, language switch (POST), and the admin
# outside the changelists above.
SKIPPED = {"login", "logout", "set_language"}


@dataclass(frozen=True)
class Entry:
    role: str
    args: Callable[[Fixtures], dict] = lambda f: {}
    query: Callable[[Fixtures], str] | str = ""
    checks: Callable[[Fixtures], list[str]] = lambda f: []
    kind: str = "html"  # html, pdf, xlsx, ics, csv: how the content is checked; documents get fewer samples
    needs: Callable[[Fixtures], object] | None = None  # the object without which the page cannot be built
    note: str = ""


@dataclass
class Fixtures:
    """The objects the entries need, chosen as the largest of their kind for the benchmark's accounts."""

    big: bool
    usernames: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        if not self.usernames:
            from bench.data import BENCH_USERS

            self.usernames = {
                "admin": "admin",
                "staff": "staff",
                "secretary": "secretary",
                "member": "member",
                "reporter": "reporter",
            }
            if self.big:
                self.usernames.update(BENCH_USERS)

    def user(self, role: str):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.get(username=self.usernames[role])

    @cached_property
    def today(self) -> dt.date:
        from django.utils import timezone

        return timezone.localdate()

    @cached_property
    def body(self):
        """The largest body (members in office) the secretary account keeps."""
        from django.db.models import Count, Q

        from committees.models import Body

        person = self.user("secretary").person
        today = self.today
        current = Q(memberships__start__lte=today) & (
            Q(memberships__end__isnull=True) | Q(memberships__end__gte=today)
        )
        return (
            Body.objects.filter(
                Q(secretary_person=person)
                | Q(secretary_post__holdings__person=person, secretary_post__holdings__end__isnull=True)
            )
            .annotate(n=Count("memberships", filter=current, distinct=True))
            .order_by("-n", "pk")
            .first()
        )

    @cached_property
    def meeting(self):
        """The body's latest meeting with minutes approved (attendance, votes and minutes all present)."""
        from meetings.models import Meeting

        return (
            Meeting.objects.filter(bodies=self.body, status=Meeting.Status.MINUTES_APPROVED)
            .order_by("-starts_at")
            .first()
        ) or Meeting.objects.filter(bodies=self.body).order_by("-starts_at").first()

    @cached_property
    def attendance_meeting(self):
        """The body's meeting whose attendance the secretary records (held, minutes not yet locked)."""
        from meetings.models import Meeting

        return (
            Meeting.objects.filter(
                bodies=self.body, status__in=[Meeting.Status.HELD, Meeting.Status.NOTICE_SENT]
            )
            .order_by("-starts_at")
            .first()
        ) or self.meeting

    @cached_property
    def held_meeting(self):
        """The body's latest meeting held (started, minutes not yet written): the writes record its
        attendance and votes."""
        from django.utils import timezone

        from meetings.models import Meeting

        return (
            Meeting.objects.filter(
                bodies=self.body, status=Meeting.Status.HELD, starts_at__lte=timezone.now()
            )
            .order_by("-starts_at")
            .first()
        ) or self.attendance_meeting

    @cached_property
    def member_meeting(self):
        """The latest meeting of a body the member account sits on."""
        from meetings.models import Meeting

        person = self.user("member").person
        return (
            Meeting.objects.filter(bodies__memberships__person=person, starts_at__date__lte=self.today)
            .order_by("-starts_at")
            .first()
        )

    @cached_property
    def member_next(self):
        """The member's next meeting (what the member's home and portal exist to show)."""
        from meetings.models import Meeting

        person = self.user("member").person
        return (
            Meeting.objects.filter(bodies__memberships__person=person, starts_at__date__gte=self.today)
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("starts_at")
            .first()
        )

    @cached_property
    def first_person(self):
        """The first person of the person list (ordered by name: the first page)."""
        from committees.models import Person

        return Person.objects.order_by("name", "pk").first()

    @cached_property
    def member_person(self):
        return self.user("member").person

    @cached_property
    def membership(self):
        from committees.models import Membership

        return (
            Membership.objects.filter(body=self.body, post_holding__isnull=True, end__isnull=True)
            .order_by("pk")
            .first()
            or Membership.objects.filter(body=self.body, post_holding__isnull=True).order_by("-start").first()
        )

    @cached_property
    def attendee(self):
        """A person on the meeting's attendance list."""
        from meetings.models import Attendance

        row = Attendance.objects.filter(meeting=self.meeting).select_related("membership__person").first()
        return row.membership.person if row else None

    @cached_property
    def unrecorded_membership(self):
        """An appointed membership with no appointment recorded yet (the record page's object)."""
        from committees.models import Membership, SeatGroup

        return (
            Membership.objects.filter(seat__group__kind=SeatGroup.Kind.APPOINTED, appointment__isnull=True)
            .select_related("person")
            .order_by("pk")
            .first()
        )

    @cached_property
    def appointment(self):
        from appointments.models import Appointment

        return Appointment.objects.filter(membership__body=self.body).order_by("-membership__start").first()

    @cached_property
    def certificate(self):
        from appointments.models import Certificate

        return (
            Certificate.objects.filter(appointment__membership__body=self.body).order_by("-pk").first()
            or Certificate.objects.order_by("-pk").first()
        )

    @cached_property
    def post(self):
        """The post with the most memberships (the 동장 who sits on the most bodies)."""
        from django.db.models import Count

        from committees.models import Post

        return Post.objects.annotate(n=Count("holdings__memberships")).order_by("-n", "pk").first()

    @cached_property
    def unit(self):
        """The unit the reporter account reports for."""
        return self.user("reporter").reporting_units.order_by("pk").first()

    @cached_property
    def report(self):
        from reports.models import Report

        return (
            Report.objects.filter(unit=self.unit)
            .exclude(state=Report.State.DRAFT)
            .order_by("-month", "pk")
            .select_related("field", "unit")
            .first()
        )

    @cached_property
    def report_field(self):
        from reports.models import ReportingField

        return ReportingField.objects.order_by("order", "pk").first()

    @cached_property
    def indicator(self):
        return self.report_field.indicators.order_by("pk").first() if self.report_field else None

    @cached_property
    def report_attachment(self):
        from reports.models import ReportAttachment

        return ReportAttachment.objects.order_by("-pk").first()

    @cached_property
    def meeting_attachment(self):
        from meetings.models import Attachment

        return Attachment.objects.order_by("-pk").first()

    @cached_property
    def public_meeting(self):
        """The latest meeting with locked public minutes (what the public site's minutes pages show)."""
        from meetings.models import Meeting, Minutes

        return (
            Meeting.objects.filter(
                minutes__status=Minutes.Status.LOCKED, minutes__is_public=True, minutes__record__isnull=False
            )
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("-starts_at")
            .first()
        )

    @cached_property
    def public_attachment(self):
        from meetings.models import Attachment

        return (
            Attachment.objects.filter(is_public=True, meeting__agenda_published=True)
            .exclude(meeting__status="cancelled")
            .order_by("-pk")
            .first()
        )

    @cached_property
    def payment_meeting(self):
        """The latest meeting with a payment list (the allowance export's object)."""
        from meetings.models import Meeting

        return Meeting.objects.filter(payment_list__isnull=False).order_by("-starts_at").first()

    @cached_property
    def register_first(self):
        """The first line of the certificate register (newest year and sequence first)."""
        from appointments.models import Certificate

        return Certificate.objects.order_by("-year", "-sequence").first()

    @cached_property
    def series(self):
        from meetings.models import MeetingSeries

        return MeetingSeries.objects.order_by("pk").first()

    @cached_property
    def written(self):
        from meetings.models import WrittenResolution

        return WrittenResolution.objects.select_related("item__meeting").order_by("-pk").first()

    @cached_property
    def member_declaring(self):
        """The member's next meeting whose published agenda has an item to declare on (이해충돌)."""
        from django.utils import timezone

        from meetings.models import AgendaItem, Meeting
        from meetings.selectors import NO_DECLARATION_KINDS

        person = self.user("member").person
        declarable = AgendaItem.objects.exclude(kind__in=NO_DECLARATION_KINDS).values("meeting_id")
        return (
            Meeting.objects.filter(
                bodies__memberships__person=person,
                starts_at__gte=timezone.now(),
                agenda_published=True,
                pk__in=declarable,
            )
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("starts_at")
            .first()
        )

    @cached_property
    def declaring_item(self):
        from meetings.selectors import NO_DECLARATION_KINDS

        if self.member_declaring is None:
            return None
        return self.member_declaring.items.exclude(kind__in=NO_DECLARATION_KINDS).order_by("order").first()

    @cached_property
    def declaration(self):
        """The latest declaration of an interest on a meeting of the secretary's body."""
        from meetings.models import InterestDeclaration

        return (
            InterestDeclaration.objects.filter(item__meeting__bodies=self.body, has_interest=True)
            .select_related("item__meeting", "membership__person")
            .order_by("-pk")
            .first()
        )

    @cached_property
    def challenge(self):
        """The latest 기피 신청 waiting for a decision on a meeting of the secretary's body."""
        from meetings.models import RecusalChallenge

        return (
            RecusalChallenge.objects.filter(item__meeting__bodies=self.body, decision="pending")
            .select_related("item__meeting")
            .order_by("-pk")
            .first()
        )

    @cached_property
    def ballot_box(self):
        """The latest electronic ballot box (neither data set has one unless a sitting made it)."""
        from meetings.models import BallotBox

        return BallotBox.objects.select_related("item__meeting").order_by("-pk").first()

    @cached_property
    def feed_token(self):
        """The staff account's feed token; made through the service when the data have none (the demo)."""
        from meetings import services
        from meetings.models import FeedToken

        token = FeedToken.objects.filter(user__username=self.usernames["staff"]).first()
        if token is None:
            services.feed_token_renew(actor=self.user("staff"))
            token = FeedToken.objects.get(user__username=self.usernames["staff"])
        return token

    @cached_property
    def screen_meeting(self):
        """The body's latest meeting that may still get a screen link (not cancelled, minutes not approved)."""
        from meetings.models import Meeting
        from meetings.selectors import LIVE_STATES

        return (
            Meeting.objects.filter(bodies=self.body, status__in=[Meeting.Status.PLANNED, *LIVE_STATES])
            .order_by("-starts_at")
            .first()
        )

    @cached_property
    def screen_token(self):
        """A screen link for that meeting, made through the service (only its digest is stored, so the
        benchmark makes its own; any link the secretary made before is revoked)."""
        from meetings import services

        if self.screen_meeting is None:
            return None
        return services.screen_link_create(actor=self.user("secretary"), meeting=self.screen_meeting)

    def username_for(self, role: str) -> str | None:
        """The account that requests a page as `role`; None for an anonymous request."""
        if role == "anonymous":
            return None
        if role in ("written_member", "ballot_member"):
            from django.contrib.auth import get_user_model

            meeting = (self.written if role == "written_member" else self.ballot_box).item.meeting
            body_ids = meeting.bodies.values_list("pk", flat=True)
            user = (
                get_user_model()
                .objects.filter(
                    person__memberships__body__in=body_ids,
                    person__memberships__start__lte=self.today,
                )
                .exclude(person__memberships__end__lt=self.today)
                .order_by("pk")
                .first()
            )
            return user.username if user else self.usernames["member"]
        return self.usernames[role]

    @cached_property
    def last_month(self) -> str:
        first = self.today.replace(day=1)
        return (first - dt.timedelta(days=1)).strftime("%Y-%m")


def _m(f: Fixtures) -> dict:
    return {"pk": f.meeting.pk}


def _b(f: Fixtures) -> dict:
    return {"pk": f.body.pk}


def _in_feed_window(f: Fixtures):
    """A meeting the bounded feeds carry (the past 12 months and all future meetings)."""
    from meetings.models import Meeting
    from meetings.selectors.meetings import year_ago

    return Meeting.objects.filter(starts_at__gte=year_ago(f.today)).order_by("starts_at").first() or f.meeting


def _meeting_checks(f: Fixtures) -> list[str]:
    return [f.meeting.title]


ENTRIES: dict[str, Entry] = {
    # --- documents, allowances, notifications and the public site ----------------------------------
    "committees:notifications": Entry("member"),
    "committees:notification_settings": Entry("member"),
    "committees:outbox": Entry("staff"),
    "committees:body_roster": Entry(
        "staff", lambda f: {"pk": f.body.pk, "fmt": "hwpx"}, kind="file", checks=lambda f: []
    ),
    "meetings:document": Entry(
        "secretary", lambda f: {"pk": f.meeting.pk, "kind": "minutes", "fmt": "hwpx"}, kind="file"
    ),
    "meetings:signin_sheet": Entry("secretary", _m, checks=_meeting_checks),
    "meetings:minutes_status": Entry(
        "secretary", lambda f: {"pk": f.meeting.pk, "action": "lock"}, checks=_meeting_checks
    ),
    "meetings:allowances": Entry("staff", _m, checks=_meeting_checks),
    "meetings:allowances_annual": Entry("staff"),
    "meetings:allowances_export": Entry(
        "staff",
        lambda f: {"pk": f.payment_meeting.pk, "fmt": "xlsx"},
        kind="xlsx",
        needs=lambda f: f.payment_meeting,
    ),
    "reports:consolidated_hwpx": Entry("staff", query=lambda f: f"month={f.last_month}", kind="file"),
    "robots": Entry("anonymous", kind="file"),
    "public:index": Entry("anonymous", checks=lambda f: [f.body.name]),
    "public:body": Entry("anonymous", _b, checks=lambda f: [f.body.name]),
    "public:body_year": Entry("anonymous", lambda f: {"pk": f.body.pk, "year": f.today.year}),
    "public:calendar": Entry("anonymous"),
    "public:meeting": Entry(
        "anonymous",
        lambda f: {"pk": f.public_meeting.pk},
        checks=lambda f: [f.public_meeting.title],
        needs=lambda f: f.public_meeting,
    ),
    "public:minutes": Entry(
        "anonymous",
        lambda f: {"pk": f.public_meeting.pk},
        checks=lambda f: [f.public_meeting.title],
        needs=lambda f: f.public_meeting,
    ),
    "public:minutes_pdf": Entry(
        "anonymous", lambda f: {"pk": f.public_meeting.pk}, kind="pdf", needs=lambda f: f.public_meeting
    ),
    "public:attachment": Entry(
        "anonymous",
        lambda f: {"pk": f.public_attachment.pk},
        kind="file",
        needs=lambda f: f.public_attachment,
    ),
    "public:sitemap": Entry("anonymous", kind="file"),
    # --- home pages, one per role --------------------------------------------------------------------
    "home": Entry("staff", checks=lambda f: [f.body.name]),
    "password_change": Entry("member", checks=lambda f: ['name="new_password1"']),
    "password_change_done": Entry("member"),
    # --- committees ----------------------------------------------------------------------------------
    "committees:body_list": Entry("staff", checks=lambda f: [f.body.name]),
    "committees:body_chart": Entry("staff", checks=lambda f: [f.body.name]),
    "committees:body_create": Entry("admin", checks=lambda f: ['name="name"']),
    "committees:body_detail": Entry("staff", _b, checks=lambda f: [f.body.name, f.membership.person.name]),
    "committees:body_edit": Entry("admin", _b, checks=lambda f: [f.body.name]),
    "committees:seat_group_create": Entry("admin", lambda f: {"body_pk": f.body.pk}),
    "committees:seat_group_edit": Entry(
        "admin",
        lambda f: {"body_pk": f.body.pk, "pk": f.body.seat_groups.order_by("pk").first().pk},
    ),
    "committees:membership_edit": Entry(
        "admin", lambda f: {"pk": f.membership.pk}, checks=lambda f: [f.membership.person.name]
    ),
    "committees:membership_end": Entry(
        "admin", lambda f: {"pk": f.membership.pk}, checks=lambda f: [f.membership.person.name]
    ),
    "committees:person_list": Entry("staff", checks=lambda f: [f.first_person.name]),
    "committees:person_create": Entry("admin", checks=lambda f: ['name="name"']),
    # the pickers' search (issue 14): a secretary looks for a person to appoint, staff for a post
    "committees:person_pick": Entry(
        "secretary",
        query=lambda f: f"name=person&id=id_person&person__q={f.member_person.name}",  # quoted when run
        checks=lambda f: [f.member_person.name],
    ),
    "committees:post_pick": Entry(
        "staff",
        query=lambda f: f"name=secretary_post&id=id_secretary_post&secretary_post__q={f.post.name}",
        checks=lambda f: [f.post.name],
    ),
    "committees:person_detail": Entry(
        "staff", lambda f: {"pk": f.member_person.pk}, checks=lambda f: [f.member_person.name]
    ),
    "committees:person_edit": Entry(
        "admin", lambda f: {"pk": f.member_person.pk}, checks=lambda f: [f.member_person.name]
    ),
    "committees:org": Entry("staff", checks=lambda f: [f.post.name]),
    "committees:unit_create": Entry("admin"),
    "committees:unit_edit": Entry(
        "admin", lambda f: {"pk": f.post.unit_id}, checks=lambda f: [f.post.unit.name]
    ),
    "committees:post_create": Entry("admin"),
    "committees:post_detail": Entry("staff", lambda f: {"pk": f.post.pk}, checks=lambda f: [f.post.name]),
    "committees:post_edit": Entry("admin", lambda f: {"pk": f.post.pk}, checks=lambda f: [f.post.name]),
    "committees:post_move": Entry("admin", lambda f: {"pk": f.post.pk}, checks=lambda f: [f.post.name]),
    # --- meetings ------------------------------------------------------------------------------------
    "meetings:list": Entry("staff", checks=lambda f: [f.body.name]),
    "meetings:create": Entry("secretary", checks=lambda f: [f.body.name]),
    "meetings:portal": Entry(
        "member",
        checks=lambda f: [m.title for m in (f.member_next, f.member_meeting) if m],
    ),
    "meetings:feed": Entry(
        "anonymous",
        lambda f: {"token": f.feed_token.token},
        kind="ics",
        checks=lambda f: ["BEGIN:VCALENDAR", "BEGIN:VEVENT", _in_feed_window(f).uid],
        needs=lambda f: f.feed_token,
        note="the staff account's personal feed (every visible meeting)",
    ),
    # the sitting, live (issue 15 §3): the member's phone and the room's screen are polled every 2 s
    "meetings:live": Entry(
        "member",
        lambda f: {"pk": f.member_meeting.pk},
        checks=lambda f: [f.member_meeting.title],
        needs=lambda f: f.member_meeting,
    ),
    "meetings:live_control": Entry(
        "secretary", lambda f: {"pk": f.attendance_meeting.pk}, checks=lambda f: [f.attendance_meeting.title]
    ),
    "screen:page": Entry(
        "anonymous",
        lambda f: {"token": f.screen_token},
        checks=lambda f: [f.screen_meeting.title],
        needs=lambda f: f.screen_token,
        note="the room's screen behind its secret link",
    ),
    "screen:state": Entry(
        "anonymous",
        lambda f: {"token": f.screen_token},
        checks=lambda f: [f.screen_meeting.title],
        needs=lambda f: f.screen_token,
        note="the fragment the screen polls every 2 s",
    ),
    "meetings:convening": Entry("member"),
    "meetings:series_list": Entry("staff", checks=lambda f: [f.series.name] if f.series else []),
    "meetings:series_create": Entry("staff"),
    "meetings:series_detail": Entry(
        "staff", lambda f: {"pk": f.series.pk}, checks=lambda f: [f.series.name], needs=lambda f: f.series
    ),
    "meetings:series_edit": Entry(
        "staff", lambda f: {"pk": f.series.pk}, checks=lambda f: [f.series.name], needs=lambda f: f.series
    ),
    "meetings:calendar": Entry("staff", checks=lambda f: [str(f.today.year)]),
    "meetings:detail": Entry("secretary", _m, checks=_meeting_checks),
    "meetings:reschedule": Entry("secretary", lambda f: {"pk": f.attendance_meeting.pk}),
    "meetings:cancel": Entry("secretary", lambda f: {"pk": f.attendance_meeting.pk}),
    "meetings:observer_add": Entry("secretary", _m),
    "meetings:recusal_add": Entry("secretary", _m),
    # 이해충돌 (issue 15 §1): the secretary's overview, the member's own page and forms, and the actions
    "meetings:interests": Entry("secretary", _m, checks=lambda f: [f.meeting.title]),
    "meetings:interests_mine": Entry(
        "member",
        lambda f: {"pk": f.member_declaring.pk},
        checks=lambda f: [f.member_declaring.title, f.declaring_item.title],
        needs=lambda f: f.declaring_item,
    ),
    "meetings:interest_declare": Entry(
        "member",
        lambda f: {"pk": f.member_declaring.pk, "item_pk": f.declaring_item.pk},
        checks=lambda f: [f.declaring_item.title],
        needs=lambda f: f.declaring_item,
    ),
    "meetings:challenge_file": Entry(
        "member",
        lambda f: {"pk": f.member_declaring.pk, "item_pk": f.declaring_item.pk},
        checks=lambda f: [f.declaring_item.title],
        needs=lambda f: f.declaring_item,
    ),
    "meetings:interest_recuse": Entry(
        "secretary",
        lambda f: {"pk": f.declaration.item.meeting_id, "declaration_pk": f.declaration.pk},
        checks=lambda f: [f.declaration.membership.person.name, f.declaration.description],
        needs=lambda f: f.declaration,
    ),
    "meetings:challenge_decide": Entry(
        "secretary",
        lambda f: {"pk": f.challenge.item.meeting_id, "challenge_pk": f.challenge.pk},
        checks=lambda f: [f.challenge.reasons],
        needs=lambda f: f.challenge,
    ),
    "meetings:ics": Entry(
        "member", lambda f: {"pk": f.member_meeting.pk}, kind="ics", checks=lambda f: [f.member_meeting.uid]
    ),
    "meetings:item_create": Entry("secretary", _m),
    "meetings:item_edit": Entry(
        "secretary",
        lambda f: {"pk": f.meeting.pk, "item_pk": f.meeting.items.order_by("order").first().pk},
        checks=lambda f: [f.meeting.items.order_by("order").first().title],
    ),
    "meetings:attachment_upload": Entry("secretary", _m),
    "meetings:attachment": Entry(
        "staff",
        lambda f: {"pk": f.meeting_attachment.pk},
        kind="file",
        needs=lambda f: f.meeting_attachment,
    ),
    "meetings:attendance": Entry(
        "secretary",
        lambda f: {"pk": f.meeting.pk},
        checks=lambda f: [f.meeting.title, f.attendee.name if f.attendee else ""],
    ),
    "meetings:vote": Entry("secretary", lambda f: {"pk": f.attendance_meeting.pk}),
    "meetings:vote_named": Entry(
        "secretary", lambda f: {"pk": f.attendance_meeting.pk}, checks=lambda f: [f.attendance_meeting.title]
    ),
    "meetings:election": Entry("secretary", lambda f: {"pk": f.attendance_meeting.pk}),
    "meetings:written_open": Entry("secretary", lambda f: {"pk": f.attendance_meeting.pk}),
    "meetings:evote": Entry(
        "secretary", lambda f: {"pk": f.attendance_meeting.pk}, checks=lambda f: [f.attendance_meeting.title]
    ),
    "meetings:evote_close": Entry(
        "secretary",
        lambda f: {"pk": f.ballot_box.pk},
        checks=lambda f: [f.ballot_box.item.meeting.title],
        needs=lambda f: f.ballot_box,
    ),
    "meetings:ballot": Entry(
        "ballot_member",
        lambda f: {"pk": f.ballot_box.pk},
        checks=lambda f: [f.ballot_box.item.title],
        needs=lambda f: f.ballot_box,
        note="as a member of the box's body (the data sets have no ballot box unless a sitting opened one)",
    ),
    "meetings:written_answer": Entry(
        "written_member",
        lambda f: {"pk": f.written.pk},
        checks=lambda f: [f.written.item.title],
        needs=lambda f: f.written,
        note="as a member of the resolution's body (demo data only have one)",
    ),
    "meetings:minutes": Entry("secretary", _m, checks=_meeting_checks),
    "meetings:minutes_edit": Entry("secretary", lambda f: {"pk": f.attendance_meeting.pk}),
    "meetings:minutes_correct": Entry("secretary", _m, checks=_meeting_checks),
    # --- reports -------------------------------------------------------------------------------------
    "reports:list": Entry("reporter", checks=lambda f: [f.unit.name]),
    "reports:edit": Entry(
        "reporter",
        lambda f: {
            "unit_id": f.unit.pk,
            "field_code": f.report.field.code,
            "year": f.report.month.year,
            "month": f.report.month.month,
        },
        checks=lambda f: [f.report.field.name],
    ),
    "reports:detail": Entry(
        "reporter", lambda f: {"pk": f.report.pk}, checks=lambda f: [f.unit.name, f.report.field.name]
    ),
    "reports:attachment": Entry(
        "staff", lambda f: {"pk": f.report_attachment.pk}, kind="file", needs=lambda f: f.report_attachment
    ),
    "reports:dashboard": Entry(
        "staff", query=lambda f: f"month={f.last_month}", checks=lambda f: [f.unit.name]
    ),
    "reports:unit_history": Entry("staff", lambda f: {"unit_id": f.unit.pk}, checks=lambda f: [f.unit.name]),
    "reports:consolidated": Entry(
        "staff", query=lambda f: f"month={f.last_month}", checks=lambda f: [f.report_field.name]
    ),
    "reports:field_list": Entry("admin", checks=lambda f: [f.report_field.name]),
    "reports:field_edit": Entry(
        "admin", lambda f: {"code": f.report_field.code}, checks=lambda f: [f.report_field.name]
    ),
    "reports:indicator_new": Entry("admin", lambda f: {"code": f.report_field.code}),
    "reports:indicator_edit": Entry(
        "admin",
        lambda f: {"code": f.report_field.code, "pk": f.indicator.pk},
        checks=lambda f: [f.indicator.name],
    ),
    "reports:consolidated_pdf": Entry("staff", query=lambda f: f"month={f.last_month}", kind="pdf"),
    "reports:consolidated_xlsx": Entry("staff", query=lambda f: f"month={f.last_month}", kind="xlsx"),
    # --- appointments --------------------------------------------------------------------------------
    "appointments:register": Entry("staff", checks=lambda f: [f.register_first.number]),
    "appointments:issue": Entry(
        "admin", query=lambda f: f"body={f.body.pk}", checks=lambda f: ['name="issued_on"']
    ),
    "appointments:alerts": Entry("staff"),
    "appointments:batch_pdf": Entry(
        "admin",
        query=lambda f: f"issued_on={f.certificate.issued_on.isoformat()}&body={f.body.pk}",
        kind="pdf",
        note="every certificate of the body issued on one day",
    ),
    "appointments:certificate_pdf": Entry("admin", lambda f: {"pk": f.certificate.pk}, kind="pdf"),
    "appointments:reissue": Entry(
        "admin", lambda f: {"pk": f.certificate.pk}, checks=lambda f: [f.certificate.number]
    ),
    "appointments:end": Entry("admin", lambda f: {"pk": f.appointment.pk}),
    "appointments:edit": Entry(
        "staff", lambda f: {"pk": f.appointment.pk}, checks=lambda f: [f.appointment.membership.person.name]
    ),
    "appointments:bodies": Entry("staff", checks=lambda f: [f.body.name]),
    "appointments:body": Entry(
        "staff", lambda f: {"body_pk": f.body.pk}, checks=lambda f: [f.body.name, f.membership.person.name]
    ),
    "appointments:create": Entry("staff", lambda f: {"body_pk": f.body.pk}, checks=lambda f: [f.body.name]),
    "appointments:record": Entry(
        "admin",
        lambda f: {"membership_pk": f.unrecorded_membership.pk},
        checks=lambda f: [f.unrecorded_membership.person.name],
        needs=lambda f: f.unrecorded_membership,
    ),
    # --- Django admin: the changelists of the big models ---------------------------------------------
    **{name: Entry("admin") for name in sorted(ADMIN_CHANGELISTS)},
}

# Variants measured besides the entries above (same URL name, another role or query): every role's home,
# the register as CSV, the minutes as PDF.
VARIANTS: list[tuple[str, str, Entry]] = [
    ("home", "admin", Entry("admin", checks=lambda f: [f.body.name])),
    ("home", "secretary", Entry("secretary", checks=lambda f: [f.body.name])),
    (
        "home",
        "member",
        Entry("member", checks=lambda f: ["위원 홈"]),
    ),
    ("home", "reporter", Entry("reporter", checks=lambda f: [f.unit.name])),
    (
        "appointments:register",
        "csv",
        Entry("staff", query="format=csv", kind="csv", checks=lambda f: [f.register_first.number]),
    ),
    (
        "appointments:register",
        "search",
        Entry(
            "staff",
            query=lambda f: "q=" + f.membership.person.name,
            checks=lambda f: [f.membership.person.name],
        ),
    ),
    ("meetings:minutes", "pdf", Entry("secretary", _m, query="format=pdf", kind="pdf")),
]


@dataclass
class Target:
    """One measured request: a URL name, the role that requests it, its path and its content checks."""

    key: str
    url_name: str
    role: str
    kind: str
    path: str = ""
    checks: list[str] = field(default_factory=list)
    skipped: str = ""  # why the page could not be built on these data
    strict: bool = False
    note: str = ""


def targets(f: Fixtures) -> list[Target]:
    """Every entry and variant resolved against the data present now."""
    from django.urls import reverse

    out = []
    items = [(name, "", e) for name, e in ENTRIES.items()] + VARIANTS
    for name, variant, entry in items:
        key = name + (f"[{variant}]" if variant else "")
        t = Target(
            key, name, entry.role, entry.kind, strict=name in STRICT_PAGES and not variant, note=entry.note
        )
        try:
            if entry.needs is not None and entry.needs(f) is None:
                t.skipped = "no such object in the data"
            else:
                path = reverse(name, kwargs=entry.args(f) or None)
                query = entry.query(f) if callable(entry.query) else entry.query
                # percent-encoded as a browser sends it (a Korean name in a search)
                t.path = path + (f"?{urllib.parse.quote(query, safe='=&')}" if query else "")
                t.checks = [c for c in entry.checks(f) if c]
        except Exception as exc:  # an entry that cannot be built is reported, not fatal
            t.skipped = f"{type(exc).__name__}: {exc}"[:160]
        out.append(t)
    return out


def check_content(target: Target, status: int, body: bytes) -> str:
    """'' when the response is the page the entry expects, else what is wrong."""
    if status != 200:
        return f"HTTP {status}"
    if not body:
        return "empty body"
    magic = {"pdf": b"%PDF", "xlsx": b"PK"}.get(target.kind)
    if magic and not body.startswith(magic):
        return f"not a {target.kind.upper()} document"
    if target.kind in ("pdf", "xlsx", "file"):
        return ""
    text = body.decode("utf-8", "replace")
    if target.kind == "ics":
        text = text.replace("\r\n ", "").replace("\\,", ",")  # unfold RFC 5545 lines
    else:
        text = html.unescape(text)
    missing = [c for c in target.checks if c not in text]
    return f"missing {missing[0]!r}" if missing else ""
