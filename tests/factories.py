"""Model factories shared by every app's tests."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from appointments import models as appointments
from committees import services
from committees.models import (
    Body,
    CalendarException,
    Gender,
    Membership,
    OrgUnit,
    Person,
    Post,
    PostHolding,
    SeatGroup,
)
from committees.permissions import GOVERNANCE_STAFF_GROUP
from meetings import models as meetings
from meetings import selectors as meeting_selectors
from reports import models as reports

PASSWORD = "test-password-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)  # hashed on build: no second save after creation


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"조직{n}")
    kind = OrgUnit.Kind.DIVISION


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"인물{n}")
    gender = Gender.FEMALE
    affiliation = "성동구"
    email = factory.Sequence(lambda n: f"p{n}@example.org")
    phone = "02-0000-0000"


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    name = factory.Sequence(lambda n: f"직위{n}")
    unit = factory.SubFactory(OrgUnitFactory)


class PostHoldingFactory(factory.django.DjangoModelFactory):
    """A current holding of a post (a personnel move goes through committees.services instead)."""

    class Meta:
        model = PostHolding

    post = factory.SubFactory(PostFactory)
    person = factory.SubFactory(PersonFactory)
    start = dt.date(2016, 1, 1)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"위원회{n}")
    kind = Body.Kind.STEERING


def seat_group(body, *, label=None, count=1, post=None, effective=dt.date(2016, 1, 1)) -> SeatGroup:
    """A composition line created through the service, so seats (and ex officio members) exist."""
    kind = SeatGroup.Kind.EX_OFFICIO if post else SeatGroup.Kind.APPOINTED
    group = SeatGroup(
        body=body, kind=kind, label=label or (post.name if post else f"위촉{count}"), count=count, post=post
    )
    return services.seat_group_save(actor=None, group=group, effective=effective)


def appoint(
    group,
    person,
    *,
    start=dt.date(2016, 1, 15),
    end=dt.date(2018, 1, 14),
    seat_number=None,
    reason="",
    role=Membership.Role.MEMBER,
):
    seat = (
        group.seats.get(number=seat_number)
        if seat_number
        else group.seats.exclude(memberships__start__lte=end, memberships__end__gte=start)
        .order_by("number")
        .first()
    )
    return services.membership_appoint(
        actor=None, seat=seat, person=person, role=role, start=start, end=end, gender_exception_reason=reason
    ).obj


def staff_user(username="staff_u"):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get_or_create(name=GOVERNANCE_STAFF_GROUP)[0])
    return user


_member_groups = itertools.count(1)


def member(
    body, person=None, *, start=dt.date(2016, 1, 15), end=dt.date(2018, 1, 14), role=None
) -> Membership:
    """An appointed membership of `body` on a seat group of its own (so any number can be added).

    The gender exception reason is always given: these tests are not about the gender balance rule.
    """
    group = seat_group(body, label=f"위촉{next(_member_groups)}")
    return appoint(
        group,
        person or PersonFactory(),
        start=start,
        end=end,
        reason="테스트",
        role=role or Membership.Role.MEMBER,
    )


def user_for(person, **fields):
    """Give a person a login (members and secretaries are reached through their Person)."""
    person.user = UserFactory(**fields)
    person.save()
    return person.user


def admin_user(username="admin_u"):
    return UserFactory(username=username, is_superuser=True, is_staff=True)


# --- meetings ---------------------------------------------------------------------------------------

SEOUL = ZoneInfo("Asia/Seoul")


def _in_30_days() -> dt.datetime:
    return dt.datetime.combine(dt.date.today() + dt.timedelta(days=30), dt.time(16, 0), tzinfo=SEOUL)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A planned meeting of one body (a new one unless `bodies=[...]` is given), 30 days ahead at 16:00."""

    class Meta:
        model = meetings.Meeting
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"회의{n}")
    starts_at = factory.LazyFunction(_in_30_days)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1))
    uid = factory.Sequence(lambda n: f"factory-{n}@meetings.test")

    @factory.post_generation
    def bodies(self, create, extracted, **kwargs):
        if create:
            self.bodies.set(extracted if extracted is not None else [BodyFactory()])


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    kind = meetings.AgendaItem.Kind.RESOLUTION
    title = factory.Sequence(lambda n: f"안건{n}")


def _in_two_years() -> dt.date:  # a date computed when used, not at import
    return dt.date.today() + dt.timedelta(days=700)


def _member_of_meeting(o) -> Membership:
    meeting = o.meeting if hasattr(o, "meeting") else o.item.meeting
    return member(meeting.bodies.first(), start=dt.date.today() - dt.timedelta(days=5), end=_in_two_years())


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.Attendance

    meeting = factory.SubFactory(MeetingFactory)
    membership = factory.LazyAttribute(_member_of_meeting)
    status = meetings.Attendance.Status.PRESENT


class AllowanceRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.AllowanceRule

    body = factory.SubFactory(BodyFactory)
    per_attendance = 150_000


class AllowanceBandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.AllowanceBand

    rule = factory.SubFactory(AllowanceRuleFactory)
    min_minutes = 120
    amount = 200_000


class PaymentListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.PaymentList

    meeting = factory.SubFactory(MeetingFactory)
    source = "live"
    paid_on = factory.LazyFunction(timezone.localdate)
    prepared_at = factory.LazyFunction(timezone.now)


class PaymentLineFactory(factory.django.DjangoModelFactory):
    """A line taxed as the rule says for 150,000원 (meetings.rules.allowances): 12,000 + 1,200."""

    class Meta:
        model = meetings.PaymentLine

    payment_list = factory.SubFactory(PaymentListFactory)
    membership = factory.LazyAttribute(lambda o: _member_of_meeting(o.payment_list))
    order = 1
    name = factory.LazyAttribute(lambda o: o.membership.person.name)
    body_name = factory.LazyAttribute(lambda o: o.membership.body.name)
    amount = 150_000
    income_tax = 12_000
    local_tax = 1_200


class ObserverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.Observer

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"배석자{n}")
    affiliation = "성동구청"


class RecusalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.Recusal

    item = factory.SubFactory(AgendaItemFactory)
    membership = factory.LazyAttribute(_member_of_meeting)
    reason = "이해관계"


class InterestDeclarationFactory(factory.django.DjangoModelFactory):
    """A member's declaration of an interest (본인·가족이 임원인 단체) on an item, without 회피 신청."""

    class Meta:
        model = meetings.InterestDeclaration

    item = factory.SubFactory(AgendaItemFactory)
    membership = factory.LazyAttribute(_member_of_meeting)
    has_interest = True
    kind = meetings.InterestDeclaration.Kind.OFFICER
    description = "배우자가 신청 단체의 이사"
    declared_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyAttribute(lambda o: o.declared_at)


class RecusalChallengeFactory(factory.django.DjangoModelFactory):
    """A pending 기피 신청 by one member of the item's meeting against another."""

    class Meta:
        model = meetings.RecusalChallenge

    item = factory.SubFactory(AgendaItemFactory)
    filed_by = factory.LazyAttribute(_member_of_meeting)
    against = factory.LazyAttribute(_member_of_meeting)
    reasons = "신청 단체의 대표와 친족 관계"
    filed_at = factory.LazyFunction(timezone.now)


class VoteFactory(factory.django.DjangoModelFactory):
    """A passed show-of-hands vote of 5 present members, 4 for and 1 against (the totals are possible)."""

    class Meta:
        model = meetings.Vote

    item = factory.SubFactory(AgendaItemFactory)
    method = meetings.Vote.Method.SHOW_OF_HANDS
    taken_at = factory.LazyAttribute(lambda o: o.item.meeting.starts_at + dt.timedelta(minutes=30))
    yes, no, abstain = 4, 1, 0
    enrolled, present, voting, required = 7, 5, 5, 3
    passed = True
    outcome_label = "가결"


class NamedBallotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.NamedBallot

    vote = factory.SubFactory(VoteFactory, method=meetings.Vote.Method.NAMED)
    membership = factory.LazyAttribute(lambda o: _member_of_meeting(o.vote))
    choice = meetings.NamedBallot.Choice.YES


class BallotBoxFactory(factory.django.DjangoModelFactory):
    """An open secret ballot box (전자 투표) on an agenda item."""

    class Meta:
        model = meetings.BallotBox

    item = factory.SubFactory(AgendaItemFactory)
    method = meetings.BallotBox.Method.SECRET
    opened_at = factory.LazyAttribute(lambda o: o.item.meeting.starts_at + dt.timedelta(minutes=20))


class VoterMarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.VoterMark

    box = factory.SubFactory(BallotBoxFactory)
    membership = factory.LazyAttribute(lambda o: _member_of_meeting(o.box))


class ElectronicBallotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.ElectronicBallot

    box = factory.SubFactory(BallotBoxFactory, method=meetings.BallotBox.Method.NAMED)
    membership = factory.LazyAttribute(lambda o: _member_of_meeting(o.box))
    choice = meetings.NamedBallot.Choice.YES


class SecretBallotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.SecretBallot

    box = factory.SubFactory(BallotBoxFactory)
    choice = meetings.NamedBallot.Choice.YES
    receipt_digest = factory.Sequence(lambda n: f"{n:064x}")


class ElectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.Election

    item = factory.SubFactory(AgendaItemFactory, kind=meetings.AgendaItem.Kind.ELECTION)
    role = Membership.Role.CHAIR
    winner = factory.LazyAttribute(_member_of_meeting)
    voting = 5


class ElectionCandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.ElectionCandidate

    election = factory.SubFactory(ElectionFactory)
    membership = factory.LazyAttribute(lambda o: o.election.winner)
    votes = 3


class WrittenResolutionFactory(factory.django.DjangoModelFactory):
    """An open (not yet counted) written resolution, answerable for a week."""

    class Meta:
        model = meetings.WrittenResolution

    item = factory.SubFactory(AgendaItemFactory)
    opened_at = factory.LazyFunction(timezone.now)
    deadline = factory.LazyAttribute(lambda o: o.opened_at + dt.timedelta(days=7))


class WrittenAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.WrittenAnswer

    resolution = factory.SubFactory(WrittenResolutionFactory)
    membership = factory.LazyAttribute(lambda o: _member_of_meeting(o.resolution))
    choice = meetings.NamedBallot.Choice.YES
    answered_at = factory.LazyFunction(timezone.now)


class ConveningRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.ConveningRequest

    body = factory.SubFactory(BodyFactory)
    reason = "임시회의 소집 요구"
    enrolled = 3
    threshold = 1


class ConveningSignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.ConveningSignature

    request = factory.SubFactory(ConveningRequestFactory)
    membership = factory.LazyAttribute(
        lambda o: member(o.request.body, start=dt.date.today() - dt.timedelta(days=5), end=_in_two_years())
    )


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.Minutes

    meeting = factory.SubFactory(MeetingFactory)
    remarks = "초안"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Locked minutes carry their frozen record (a database constraint): insert them approved, freeze
        # the record from the rows as they stand, then lock, as minutes_lock does.
        if kwargs.get("status") != meetings.Minutes.Status.LOCKED or kwargs.get("record"):
            return super()._create(model_class, *args, **kwargs)
        kwargs["status"] = meetings.Minutes.Status.APPROVED
        minutes = super()._create(model_class, *args, **kwargs)
        minutes.record = meeting_selectors.record_build(minutes.meeting, minutes)
        minutes.record_sha256 = meeting_selectors.record_digest(minutes.record)
        minutes.status = meetings.Minutes.Status.LOCKED
        minutes.locked_at = minutes.locked_at or timezone.now()
        minutes.save()
        return minutes


class MinutesCorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.MinutesCorrection

    minutes = factory.SubFactory(
        MinutesFactory, status=meetings.Minutes.Status.LOCKED, approved_at=factory.LazyFunction(timezone.now)
    )
    text = "정정 내용"
    reason = "오기"
    created_by = factory.SubFactory(UserFactory)


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.Attachment

    meeting = factory.SubFactory(MeetingFactory)
    file = factory.django.FileField(filename="a.pdf", data=b"%PDF-1.4")
    original_name = "a.pdf"
    size = 8


class FeedTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.FeedToken

    user = factory.SubFactory(UserFactory)
    token = factory.Sequence(lambda n: f"feed-token-{n}")


class ScreenLinkFactory(factory.django.DjangoModelFactory):
    """A live screen link; its token is unknown (only the digest is stored): use
    services.screen_link_create when a test needs the URL."""

    class Meta:
        model = meetings.ScreenLink

    meeting = factory.SubFactory(MeetingFactory)
    digest = factory.Sequence(lambda n: f"{n:064x}")


class MeetingSeriesFactory(factory.django.DjangoModelFactory):
    """Second and fourth Fridays at 16:00 from today, for one body (a new one unless `bodies=[...]`)."""

    class Meta:
        model = meetings.MeetingSeries
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"회의 일정{n}")
    recurrence = meetings.MeetingSeries.Recurrence.SECOND_FOURTH_FRIDAY
    start_date = factory.LazyFunction(dt.date.today)
    start_time = dt.time(16, 0)

    @factory.post_generation
    def bodies(self, create, extracted, **kwargs):
        if create:
            self.bodies.set(extracted if extracted is not None else [BodyFactory()])


class SeriesHostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.SeriesHost

    series = factory.SubFactory(MeetingSeriesFactory)
    body = factory.LazyAttribute(lambda o: o.series.bodies.first())
    order = factory.Sequence(lambda n: n + 1)


class CalendarExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarException
        django_get_or_create = ("date",)

    date = dt.date(2026, 3, 10)
    kind = "closure"
    reason = "휴무"


# --- appointments -----------------------------------------------------------------------------------


class AppointmentFactory(factory.django.DjangoModelFactory):
    """The record behind an appointed membership (a new body, seat and person unless given)."""

    class Meta:
        model = appointments.Appointment

    membership = factory.LazyFunction(lambda: member(BodyFactory(gender_balance_applies=False)))
    recommended_by = "민간협의체"


class CertificateFactory(factory.django.DjangoModelFactory):
    """A certificate line. Numbers are allocated per year by the service in the product; here they come
    from a sequence far above anything the service hands out in a test (so the two never collide)."""

    class Meta:
        model = appointments.Certificate

    appointment = factory.SubFactory(AppointmentFactory)
    issued_on = dt.date(2016, 1, 15)
    year = factory.LazyAttribute(lambda o: o.issued_on.year)
    sequence = factory.Sequence(lambda n: 900 + n)
    number = factory.LazyAttribute(lambda o: f"제{o.year}-{o.sequence:03d}호")


class CertificateCounterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = appointments.CertificateCounter
        django_get_or_create = ("year",)

    year = 2016
    last = 0


class SealImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = appointments.SealImage

    image = factory.django.ImageField(filename="seal.png", format="PNG", width=40, height=40, color="red")
    label = "직인"


# --- reports ----------------------------------------------------------------------------------------


class ReportingFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = reports.ReportingField
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"field{n}")
    name = factory.Sequence(lambda n: f"분야{n}")
    lead_team = "기초복지팀장"
    order = factory.Sequence(lambda n: n)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = reports.Indicator

    field = factory.SubFactory(ReportingFieldFactory)
    name = factory.Sequence(lambda n: f"지표{n}")
    unit = "건"
    order = factory.Sequence(lambda n: n)


class ReportingObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = reports.ReportingObligation

    unit = factory.SubFactory(OrgUnitFactory, kind=OrgUnit.Kind.DONG)
    field = factory.SubFactory(ReportingFieldFactory)


class ReportFactory(factory.django.DjangoModelFactory):
    """A draft report of January 2026 (the obligation behind it is created too)."""

    class Meta:
        model = reports.Report
        skip_postgeneration_save = True

    unit = factory.SubFactory(OrgUnitFactory, kind=OrgUnit.Kind.DONG)
    field = factory.SubFactory(ReportingFieldFactory)
    month = dt.date(2026, 1, 1)
    achievements = "성과"
    state = reports.Report.State.DRAFT
    submitted_at = factory.Maybe(
        factory.LazyAttribute(lambda o: o.state != reports.Report.State.DRAFT),
        yes_declaration=factory.LazyFunction(timezone.now),
        no_declaration=None,
    )

    @factory.post_generation
    def obligation(self, create, extracted, **kwargs):
        if create:
            reports.ReportingObligation.objects.get_or_create(unit=self.unit, field=self.field)


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = reports.IndicatorValue

    report = factory.SubFactory(ReportFactory)
    indicator = factory.LazyAttribute(lambda o: IndicatorFactory(field=o.report.field))
    value = Decimal("10")


class ReportAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = reports.ReportAttachment

    report = factory.SubFactory(ReportFactory)
    file = factory.django.FileField(filename="evidence.pdf", data=b"%PDF-1.4 test")
    original_name = "증빙.pdf"
    content_type = "application/pdf"
    size = 13


class AttendanceTallyFactory(factory.django.DjangoModelFactory):
    """A below-half row of the attendance snapshot (meetings.services.tally rebuilds the real ones)."""

    class Meta:
        model = meetings.AttendanceTally

    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)
    attended = 1
    held = 4


class AttendanceTallyStampFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = meetings.AttendanceTallyStamp

    window_start = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=365))
    window_end = factory.LazyFunction(timezone.localdate)
    computed_at = factory.LazyFunction(timezone.now)
    valid = True


class ReportEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = reports.ReportEvent

    report = factory.SubFactory(ReportFactory)
    kind = reports.ReportEvent.Kind.SAVED


class ReminderLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = reports.ReminderLog

    unit = factory.SubFactory(OrgUnitFactory, kind=OrgUnit.Kind.DONG)
    field = factory.SubFactory(ReportingFieldFactory)
    month = dt.date(2026, 1, 1)
    kind = reports.ReminderLog.Kind.DUE_SOON
