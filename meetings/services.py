"""Writes. Keyword-only, one transaction each, every state change audited. Rule violations are raised
as ValidationError with Korean messages for the form."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from committees import rules as committee_rules
from committees.models import Body, CalendarException, Membership, SeatGroup
from committees.permissions import GOVERNANCE_STAFF_GROUP
from committees.selectors import current_q
from committees.workdays import WorkingCalendar, load_calendar
from meetings import rules, schedule, selectors
from meetings.models import (
    AgendaItem,
    Attendance,
    ConveningRequest,
    ConveningSignature,
    Election,
    ElectionCandidate,
    FeedToken,
    Meeting,
    MeetingSeries,
    Minutes,
    NamedBallot,
    Observer,
    Recusal,
    SeriesHost,
    Vote,
    WrittenAnswer,
    WrittenResolution,
)
from seongdong_gov.audit import audit_record, snapshot
from seongdong_gov.rules import date_dots

SEOUL = ZoneInfo("Asia/Seoul")


def _new_uid() -> str:
    return f"{uuid.uuid4()}@meetings.seongdong.go.kr"


def meeting_create(*, actor, meeting: Meeting, bodies, today: dt.date | None = None) -> Meeting:
    """Create a meeting. Refused when notice is shorter than the body's notice_days and the meeting is
    not marked urgent with a reason. Side effects: one AuditEntry."""
    today = today or timezone.localdate()
    with transaction.atomic():
        meeting.uid = meeting.uid or _new_uid()
        body = (
            sorted(bodies, key=lambda b: (b.order, b.pk))[0]
            if meeting.host_body is None
            else meeting.host_body
        )
        _check_notice(meeting, body, today, error_field="urgent")
        meeting.full_clean(exclude=["uid"])
        meeting.save()
        meeting.bodies.set(bodies)
        audit_record(actor=actor, action="create", obj=meeting, after=snapshot(meeting))
    return meeting


def _transition(*, actor, meeting: Meeting, to: str, allowed_from: tuple[str, ...], **fields) -> Meeting:
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status not in allowed_from:
            raise ValidationError(
                _("현재 상태(%(s)s)에서는 할 수 없는 작업입니다.") % {"s": meeting.get_status_display()}
            )
        before = snapshot(meeting)
        meeting.status = to
        for k, v in fields.items():
            setattr(meeting, k, v)
        meeting.sequence += 1
        meeting.save()
        audit_record(actor=actor, action=f"status:{to}", obj=meeting, before=before, after=snapshot(meeting))
    return meeting


def _check_notice(meeting: Meeting, body, today: dt.date, error_field: str | None = None) -> None:
    """The body's notice period (DOMAIN.md §5: 5 days in writing, or the day before when urgent):
    shorter notice needs "urgent" with a reason, and even an urgent notice keeps the body's urgent
    minimum (urgent_notice_days). Meetings already past are not judged."""
    meeting_day = timezone.localtime(meeting.starts_at, SEOUL).date()
    if meeting_day < today:
        return
    if not rules.notice_is_short(notice_date=today, meeting_date=meeting_day, notice_days=body.notice_days):
        return
    if not (meeting.urgent and meeting.urgent_reason):
        message = _("소집 통지 기한(%(n)d일 전)보다 촉박합니다. 긴급 소집으로 표시하고 사유를 적으세요.") % {
            "n": body.notice_days
        }
    elif rules.notice_is_short(
        notice_date=today, meeting_date=meeting_day, notice_days=body.urgent_notice_days
    ):
        message = _("긴급 소집도 회의 %(n)d일 전까지는 통지해야 합니다.") % {"n": body.urgent_notice_days}
    else:
        return
    raise ValidationError({error_field: message} if error_field else message)


def _kdatetime(moment: dt.datetime) -> str:
    """`2016. 1. 15. 16:00` in Seoul time."""
    local = timezone.localtime(moment, SEOUL)
    return f"{date_dots(local.date())} {local:%H:%M}"


def _when(meeting: Meeting) -> str:
    return _kdatetime(meeting.starts_at)


def member_emails(meeting: Meeting) -> list[str]:
    """E-mail addresses of the members in office, on the meeting date, of the meeting's bodies."""
    on = timezone.localtime(meeting.starts_at, SEOUL).date()
    return sorted(
        set(
            Membership.objects.filter(body__in=meeting.bodies.all())
            .filter(current_q(on))
            .exclude(person__email="")
            .values_list("person__email", flat=True)
        )
    )


def _mail(subject: str, body: str, recipients: list[str]) -> int:
    if not recipients:
        return 0
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def _notice_text(meeting: Meeting, heading: str) -> str:
    lines = [
        heading,
        "",
        _("회의명: %(t)s") % {"t": meeting.title},
        _("일시: %(w)s") % {"w": _when(meeting)},
        _("장소: %(p)s") % {"p": meeting.place or "-"},
    ]
    if meeting.urgent:
        lines.append(_("긴급 소집 사유: %(r)s") % {"r": meeting.urgent_reason})
    if meeting.moved_reason and meeting.original_date:
        lines.append(
            _("일정 변경: %(d)s %(r)s") % {"d": date_dots(meeting.original_date), "r": meeting.moved_reason}
        )
    lines += ["", _("자세한 내용은 '내 회의'에서 확인하세요: %(u)s") % {"u": meeting.get_absolute_url()}]
    return "\n".join(lines)


def meeting_send_notice(*, actor, meeting: Meeting, today: dt.date | None = None) -> Meeting:
    """planned → notice_sent; e-mails the notice to every member in office of the meeting's bodies and the
    meeting appears in their portals. Notice shorter than the rule body's notice_days is refused unless
    the meeting is marked urgent with a reason (DOMAIN.md §5). Side effects: AuditEntry, e-mails."""
    today = today or timezone.localdate()
    body = selectors.rule_body(meeting)
    _check_notice(meeting, body, today)
    meeting = _transition(
        actor=actor,
        meeting=meeting,
        to=Meeting.Status.NOTICE_SENT,
        allowed_from=("planned",),
        notice_sent_at=timezone.now(),
    )
    _mail(
        _("[소집 통지] %(t)s (%(w)s)") % {"t": meeting.title, "w": _when(meeting)},
        _notice_text(meeting, _("다음과 같이 회의를 소집합니다.")),
        member_emails(meeting),
    )
    return meeting


def meeting_reschedule(
    *,
    actor,
    meeting: Meeting,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    reason: str,
    calendar: WorkingCalendar | None = None,
) -> Meeting:
    """Move one occurrence without touching the rest of its series: the nominal date (original_date)
    stays, so series_generate never recreates it, and the reason is shown next to the new date. A new
    date that is not a working day is kept but flagged. Members already notified get the change by
    e-mail; the iCalendar SEQUENCE increases. Side effects: AuditEntry, e-mails."""
    if not reason.strip():
        raise ValidationError({"reason": _("변경 사유를 적으세요.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("종료는 시작보다 늦어야 합니다.")})
    calendar = calendar or load_calendar()
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.NOTICE_SENT):
            raise ValidationError(
                _("현재 상태(%(s)s)에서는 일정을 바꿀 수 없습니다.") % {"s": meeting.get_status_display()}
            )
        before = snapshot(meeting)
        if meeting.original_date is None:
            meeting.original_date = timezone.localtime(meeting.starts_at, SEOUL).date()
        new_day = timezone.localtime(starts_at, SEOUL).date()
        off = calendar.non_working_reason(new_day)
        meeting.starts_at, meeting.ends_at = starts_at, ends_at
        meeting.moved_reason = reason.strip()[:100]
        meeting.date_flagged = bool(off)
        meeting.sequence += 1
        meeting.save()
        audit_record(actor=actor, action="reschedule", obj=meeting, before=before, after=snapshot(meeting))
    if meeting.status == Meeting.Status.NOTICE_SENT:
        _mail(
            _("[일정 변경] %(t)s (%(w)s)") % {"t": meeting.title, "w": _when(meeting)},
            _notice_text(meeting, _("회의 일정이 다음과 같이 변경되었습니다.")),
            member_emails(meeting),
        )
    return meeting


def meeting_mark_held(*, actor, meeting: Meeting) -> Meeting:
    """notice_sent → held. A meeting whose members were never given notice cannot be recorded as held
    (issue 3 §3: planned → notice sent → held). Side effects: AuditEntry."""
    current = Meeting.objects.only("status").get(pk=meeting.pk).status
    if current == Meeting.Status.PLANNED:
        raise ValidationError(
            _("소집 통지를 하지 않은 회의는 개최 완료로 바꿀 수 없습니다. 먼저 소집 통지를 하세요.")
        )
    return _transition(actor=actor, meeting=meeting, to=Meeting.Status.HELD, allowed_from=("notice_sent",))


def meeting_cancel(*, actor, meeting: Meeting, reason: str) -> Meeting:
    """Cancel one meeting (the series keeps its other occurrences). Notified members get an e-mail; the
    iCalendar entry becomes STATUS:CANCELLED. Side effects: AuditEntry, e-mails."""
    if not reason.strip():
        raise ValidationError({"reason": _("취소 사유를 적으세요.")})
    was_noticed = meeting.status == Meeting.Status.NOTICE_SENT
    meeting = _transition(
        actor=actor,
        meeting=meeting,
        to=Meeting.Status.CANCELLED,
        allowed_from=("planned", "notice_sent"),
        cancelled_reason=reason.strip(),
    )
    if was_noticed:
        _mail(
            _("[회의 취소] %(t)s (%(w)s)") % {"t": meeting.title, "w": _when(meeting)},
            _notice_text(
                meeting, _("다음 회의가 취소되었습니다. 사유: %(r)s") % {"r": meeting.cancelled_reason}
            ),
            member_emails(meeting),
        )
    return meeting


def agenda_item_save(*, actor, item: AgendaItem) -> AgendaItem:
    with transaction.atomic():
        created = item.pk is None
        before = None if created else snapshot(AgendaItem.objects.get(pk=item.pk))
        item.full_clean()
        item.save()
        audit_record(
            actor=actor,
            action="create" if created else "update",
            obj=item,
            before=before,
            after=snapshot(item),
        )
    return item


def agenda_publish(*, actor, meeting: Meeting) -> Meeting:
    """Publish the agenda: members see it in 내 회의 and are told by e-mail (until then it is a draft
    only managers see). Side effects: AuditEntry, e-mails."""
    with transaction.atomic():
        if not meeting.items.exists():
            raise ValidationError(_("안건이 없어 공개할 수 없습니다."))
        before = snapshot(meeting)
        meeting.agenda_published = True
        meeting.save(update_fields=["agenda_published"])
        audit_record(
            actor=actor, action="agenda_publish", obj=meeting, before=before, after=snapshot(meeting)
        )
    _mail(
        _("[안건 공개] %(t)s (%(w)s)") % {"t": meeting.title, "w": _when(meeting)},
        _notice_text(meeting, _("회의 안건이 공개되었습니다.")),
        member_emails(meeting),
    )
    return meeting


def _at(meeting: Meeting, t: dt.time | None) -> dt.datetime | None:
    if t is None:
        return None
    day = timezone.localtime(meeting.starts_at).date()
    return dt.datetime.combine(day, t, tzinfo=SEOUL)


def attendance_record(
    *,
    actor,
    meeting: Meeting,
    membership: Membership,
    status: str,
    arrived: dt.time | None = None,
    left: dt.time | None = None,
    deputy_name: str = "",
) -> Attendance:
    """Record one member's attendance (times on the meeting day). Side effects: AuditEntry."""
    if status != Attendance.Status.PRESENT:
        arrived = left = None
        deputy_name = ""
    if arrived and left and left <= arrived:
        raise ValidationError(_("퇴장 시각은 도착 시각보다 늦어야 합니다."))
    if deputy_name and not selectors.rule_body(meeting).allows_deputies:
        raise ValidationError(_("이 기구는 대리 출석을 허용하지 않습니다."))
    if deputy_name and membership.seat.group.kind != SeatGroup.Kind.EX_OFFICIO:
        raise ValidationError(
            _("대리 출석은 당연직 위원만 할 수 있습니다 (%(p)s).") % {"p": membership.person}
        )
    with transaction.atomic():
        existing = Attendance.objects.filter(meeting=meeting, membership=membership).first()
        before = snapshot(existing) if existing else None
        att = existing or Attendance(meeting=meeting, membership=membership)
        att.status, att.arrived_at, att.left_at, att.deputy_name = (
            status,
            _at(meeting, arrived),
            _at(meeting, left),
            deputy_name,
        )
        att.save()
        audit_record(
            actor=actor,
            action="attendance",
            obj=meeting,
            before=before,
            after=snapshot(att),
            note=str(membership.person),
        )
    return att


def vote_context(meeting: Meeting, item: AgendaItem, taken_at: dt.datetime) -> dict:
    """Counts at the moment of the vote: 재적, present (recused included), eligible voters."""
    enrolled = selectors.enrolled_memberships(meeting)
    enrolled_ids = {m.pk for m in enrolled}
    atts = [a for a in meeting.attendances.all() if a.membership_id in enrolled_ids]
    present = rules.present_at(selectors.presences(atts), taken_at)
    recused = set(item.recusals.values_list("membership_id", flat=True))
    eligible = rules.eligible_voters(present, recused)
    return {
        "enrolled": len(enrolled),
        "present": present,
        "eligible": eligible,
        "body": selectors.rule_body(meeting),
    }


def vote_roster(meeting: Meeting, item: AgendaItem, taken: dt.time) -> dict:
    """Who may vote on `item` at `taken` (for the named-vote sheet): the memberships present at that
    moment and not recused, the recused ones, and the quorum at that moment."""
    ctx = vote_context(meeting, item, _at(meeting, taken))
    enrolled = selectors.enrolled_memberships(meeting)
    recused_ids = set(item.recusals.values_list("membership_id", flat=True))
    body = ctx["body"]
    return {
        "enrolled": ctx["enrolled"],
        "present": len(ctx["present"]),
        "eligible": [m for m in enrolled if m.pk in ctx["eligible"]],
        "recused": [m for m in enrolled if m.pk in recused_ids and m.pk in ctx["present"]],
        "quorum": rules.quorum_state(
            enrolled=ctx["enrolled"], present=len(ctx["present"]), quorum_rule=body.quorum_rule
        ),
        "body": body,
    }


def vote_record(
    *,
    actor,
    item: AgendaItem,
    method: str,
    taken: dt.time,
    yes: int = 0,
    no: int = 0,
    abstain: int = 0,
    chair_casting: bool | None = None,
    ballots: dict[int, str] | None = None,
) -> Vote:
    """Record a vote; the outcome is computed by meetings.rules.vote_outcome. Named votes take
    `ballots` {membership_id: choice} and derive the totals; secret and show-of-hands keep totals only.
    Side effects: Vote (+ NamedBallots), AuditEntry."""
    meeting = item.meeting
    taken_at = _at(meeting, taken)
    ctx = vote_context(meeting, item, taken_at)
    if method == Vote.Method.NAMED:
        ballots = ballots or {}
        outside = set(ballots) - set(ctx["eligible"])
        if outside:
            raise ValidationError(_("표결 시점에 출석하지 않았거나 회피한 위원의 표가 있습니다."))
        yes = sum(1 for c in ballots.values() if c == "yes")
        no = sum(1 for c in ballots.values() if c == "no")
        abstain = sum(1 for c in ballots.values() if c == "abstain")
    elif ballots:
        raise ValidationError(_("기명 표결에서만 위원별 표를 기록합니다."))
    body = ctx["body"]
    try:
        outcome = rules.vote_outcome(
            yes=yes,
            no=no,
            abstain=abstain,
            enrolled=ctx["enrolled"],
            present=len(ctx["present"]),
            voting=len(ctx["eligible"]),
            quorum_rule=body.quorum_rule,
            decision_rule=body.decision_rule,
            tie_rule=body.tie_rule,
            chair_casting=chair_casting,
        )
    except rules.VoteError as exc:
        raise ValidationError(str(exc)) from exc
    with transaction.atomic():
        vote = Vote.objects.create(
            item=item,
            method=method,
            taken_at=taken_at,
            yes=yes,
            no=no,
            abstain=abstain,
            enrolled=ctx["enrolled"],
            present=len(ctx["present"]),
            voting=outcome.voting,
            required=outcome.required,
            chair_casting=chair_casting if outcome.decided_by_chair else None,
            passed=outcome.passed,
            outcome_label=outcome.label,
        )
        if method == Vote.Method.NAMED:
            NamedBallot.objects.bulk_create(
                NamedBallot(vote=vote, membership_id=m, choice=c) for m, c in ballots.items()
            )
        audit_record(actor=actor, action="vote", obj=item, after=snapshot(vote))
    return vote


def election_record(
    *, actor, item: AgendaItem, role: str, counts: dict[int, int], taken: dt.time
) -> Election:
    """호선: the candidate with a majority of those voting wins; the role is recorded on the winner's
    membership. Side effects: Election, candidates, Membership.role, AuditEntries."""
    if item.kind != AgendaItem.Kind.ELECTION:
        raise ValidationError(_("선거 안건에서만 선출 결과를 기록합니다."))
    if Election.objects.filter(item=item).exists():
        raise ValidationError(_("이 안건의 선출 결과는 이미 기록되었습니다."))
    if not counts:
        raise ValidationError(_("후보자와 득표 수를 적으세요."))
    enrolled_ids = {m.pk for m in selectors.enrolled_memberships(item.meeting)}
    if set(counts) - enrolled_ids:
        raise ValidationError(_("후보자는 이 회의의 재적위원이어야 합니다."))
    ctx = vote_context(item.meeting, item, _at(item.meeting, taken))
    # an election is a vote: the quorum must hold at that moment, as for vote_record
    quorum = rules.quorum_state(
        enrolled=ctx["enrolled"], present=len(ctx["present"]), quorum_rule=ctx["body"].quorum_rule
    )
    if not quorum.met:
        raise ValidationError(
            _("표결 시점의 출석(%(present)d명)이 의사정족수(%(needed)d명)에 미달하여 표결할 수 없습니다.")
            % {"present": quorum.present, "needed": quorum.needed}
        )
    try:
        winner_id = rules.election_winner(counts, voting=len(ctx["eligible"]))
    except rules.VoteError as exc:
        raise ValidationError(str(exc)) from exc
    with transaction.atomic():
        election = Election.objects.create(
            item=item, role=role, winner_id=winner_id, voting=len(ctx["eligible"])
        )
        ElectionCandidate.objects.bulk_create(
            ElectionCandidate(election=election, membership_id=m, votes=v) for m, v in counts.items()
        )
        audit_record(
            actor=actor,
            action="election_record",
            obj=election,
            after={**snapshot(election), "candidates": {str(m): v for m, v in counts.items()}},
        )
        membership = Membership.objects.select_for_update().get(pk=winner_id)
        # one holder of an elected office at a time: whoever held it in this body steps back to 위원
        on = timezone.localdate(item.meeting.starts_at)
        previous = (
            Membership.objects.select_for_update()
            .filter(current_q(on), body_id=membership.body_id, role=role)
            .exclude(pk=winner_id)
        )
        for old in previous:
            old_before = snapshot(old)
            old.role = Membership.Role.MEMBER
            old.save(update_fields=["role"])
            audit_record(
                actor=actor, action="election_role_passed", obj=old, before=old_before, after=snapshot(old)
            )
        before = snapshot(membership)
        membership.role = role
        membership.save(update_fields=["role"])
        audit_record(
            actor=actor, action="election", obj=membership, before=before, after=snapshot(membership)
        )
    return election


def minutes_save(
    *, actor, meeting: Meeting, remarks: str, is_public: bool, nondisclosure_reason: str = ""
) -> Minutes:
    """Write the draft. Locked minutes change only through minutes_correct."""
    with transaction.atomic():
        minutes, _c = Minutes.objects.get_or_create(meeting=meeting)
        if minutes.status != Minutes.Status.DRAFT:
            raise ValidationError(_("승인된 회의록은 고칠 수 없습니다. 정정 기록을 남기세요."))
        if not is_public and not nondisclosure_reason.strip():
            raise ValidationError({"nondisclosure_reason": _("비공개 사유를 적으세요.")})
        before = snapshot(minutes)
        minutes.remarks, minutes.is_public, minutes.nondisclosure_reason = (
            remarks,
            is_public,
            "" if is_public else nondisclosure_reason,
        )
        minutes.save()
        audit_record(actor=actor, action="minutes_save", obj=minutes, before=before, after=snapshot(minutes))
    return minutes


def minutes_approve(*, actor, minutes: Minutes) -> Minutes:
    """draft → approved; the meeting becomes minutes_approved; members now see the minutes and are told
    by e-mail. Side effects: AuditEntries, e-mails."""
    with transaction.atomic():
        if minutes.status != Minutes.Status.DRAFT:
            raise ValidationError(_("초안 상태의 회의록만 승인할 수 있습니다."))
        before = snapshot(minutes)
        minutes.status, minutes.approved_at = Minutes.Status.APPROVED, timezone.now()
        minutes.save()
        audit_record(
            actor=actor, action="minutes_approve", obj=minutes, before=before, after=snapshot(minutes)
        )
        meeting = Meeting.objects.get(pk=minutes.meeting_id)  # fresh: the status may have moved on
        if meeting.status == Meeting.Status.HELD:
            _transition(
                actor=actor, meeting=meeting, to=Meeting.Status.MINUTES_APPROVED, allowed_from=("held",)
            )
    _mail(
        _("[회의록 승인] %(t)s (%(w)s)") % {"t": meeting.title, "w": _when(meeting)},
        _notice_text(meeting, _("회의록이 승인되었습니다. '내 회의'에서 볼 수 있습니다.")).replace(
            meeting.get_absolute_url(), reverse("meetings:minutes", args=[meeting.pk])
        ),
        member_emails(meeting),
    )
    return minutes


def minutes_lock(*, actor, minutes: Minutes) -> Minutes:
    with transaction.atomic():
        if minutes.status != Minutes.Status.APPROVED:
            raise ValidationError(_("승인된 회의록만 확정할 수 있습니다."))
        before = snapshot(minutes)
        minutes.status, minutes.locked_at = Minutes.Status.LOCKED, timezone.now()
        minutes.save()
        audit_record(actor=actor, action="minutes_lock", obj=minutes, before=before, after=snapshot(minutes))
    return minutes


def minutes_correct(*, actor, minutes: Minutes, text: str, reason: str):
    """Append a correction to locked minutes: the text stays as locked, the correction is shown with it.
    Side effects: a MinutesCorrection, an AuditEntry."""
    if minutes.status != Minutes.Status.LOCKED:
        raise ValidationError(_("확정 전 회의록은 직접 고치세요."))
    if not text.strip() or not reason.strip():
        raise ValidationError(_("정정 내용과 사유를 모두 적으세요."))
    with transaction.atomic():
        c = minutes.corrections.create(
            text=text, reason=reason, created_by=actor if getattr(actor, "pk", None) else None
        )
        audit_record(actor=actor, action="minutes_correct", obj=minutes, note=reason)
    return c


def series_generate(
    *, actor, series: MeetingSeries, until: dt.date, calendar: WorkingCalendar | None = None
) -> list[Meeting]:
    """Create the series' meetings up to `until` on the working-day calendar; idempotent (one meeting
    per series and nominal date), so a moved or cancelled occurrence stays as edited.
    Side effects: Meetings, one AuditEntry for the series."""
    calendar = calendar or load_calendar()
    hosts = [h.body for h in series.hosts.select_related("body").order_by("order")]
    bodies = list(series.bodies.all())
    end = min(until, series.end_date) if series.end_date else until
    occ = schedule.occurrences(
        series.recurrence,
        series.start_date,
        end,
        calendar,
        series.non_working_policy,
        day_of_month=series.day_of_month,
    )
    created = []
    with transaction.atomic():
        # Lock the series so two generate requests at once cannot both create the same occurrence.
        MeetingSeries.objects.select_for_update().get(pk=series.pk)
        existing = set(series.meetings.values_list("original_date", flat=True))
        for o in occ:
            if o.nominal in existing:
                continue
            starts = dt.datetime.combine(o.date, series.start_time, tzinfo=SEOUL)
            m = Meeting.objects.create(
                title=series.name,
                series=series,
                kind=series.kind,
                place=series.place,
                starts_at=starts,
                ends_at=starts + dt.timedelta(minutes=series.duration_minutes),
                original_date=o.nominal,
                moved_reason=o.reason if (o.moved or o.flagged) else "",
                date_flagged=o.flagged,
                host_body=schedule.host_for(o.index, hosts),
                uid=_new_uid(),
            )
            m.bodies.set(bodies)
            created.append(m)
        audit_record(
            actor=actor, action="series_generate", obj=series, note=f"{len(created)} {until.isoformat()}"
        )
    return created


def series_save(*, actor, series: MeetingSeries, bodies, hosts: list[Body]) -> MeetingSeries:
    """Create or change a series with its bodies and its host rotation (`hosts` in order; each must be
    one of `bodies`). Meetings already generated keep their own dates, places and hosts: each is an
    occurrence that may have been moved or cancelled on its own. Side effects: one AuditEntry."""
    body_ids = {b.pk for b in bodies}
    if not body_ids:
        raise ValidationError({"bodies": _("참여 기구를 하나 이상 고르세요.")})
    strays = [h.name for h in hosts if h.pk not in body_ids]
    if strays:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _("주관 기구는 참여 기구 중에서 골라야 합니다: %(b)s")
                % {"b": ", ".join(strays)}
            }
        )
    with transaction.atomic():
        creating = series.pk is None
        before = None
        if not creating:
            old = MeetingSeries.objects.select_for_update().get(pk=series.pk)
            before = {
                **snapshot(old),
                "bodies": sorted(old.bodies.values_list("name", flat=True)),
                "hosts": [h.body.name for h in old.hosts.select_related("body").order_by("order")],
            }
        series.full_clean()
        series.save()
        series.bodies.set(bodies)
        series.hosts.all().delete()
        SeriesHost.objects.bulk_create(
            [SeriesHost(series=series, body=body, order=i) for i, body in enumerate(hosts, start=1)]
        )
        after = {
            **snapshot(series),
            "bodies": sorted(b.name for b in bodies),
            "hosts": [h.name for h in hosts],
        }
        audit_record(
            actor=actor, action="create" if creating else "update", obj=series, before=before, after=after
        )
    return series


def feed_token_renew(*, actor) -> FeedToken:
    """A new secret for the user's iCalendar feed; the old URL stops working."""
    with transaction.atomic():
        token, _c = FeedToken.objects.get_or_create(user=actor, defaults={"token": secrets.token_urlsafe(32)})
        if not _c:
            token.token = secrets.token_urlsafe(32)
            token.save()
        audit_record(actor=actor, action="feed_token_renew", obj=token)
    return token


def attachment_add(*, actor, meeting: Meeting, form):
    """Store an uploaded file (type and size checked by the form's validator). Side effects: AuditEntry."""
    with transaction.atomic():
        attachment = form.save(meeting)
        audit_record(actor=actor, action="attachment_add", obj=meeting, note=attachment.original_name)
    return attachment


def observer_add(*, actor, meeting: Meeting, name: str, affiliation: str = "") -> Observer:
    """배석자: kept apart from members' attendance; listed in the minutes (공공기록물법 시행령 제18조②)."""
    if not name.strip():
        raise ValidationError({"name": _("성명을 적으세요.")})
    with transaction.atomic():
        observer = Observer.objects.create(
            meeting=meeting, name=name.strip(), affiliation=affiliation.strip()
        )
        audit_record(actor=actor, action="observer_add", obj=meeting, note=observer.name)
    return observer


def recusal_add(*, actor, item: AgendaItem, membership: Membership, reason: str) -> Recusal:
    """제척·기피·회피 on one item: the member still counts toward the quorum to open but does not vote on
    the item (법제처 해석 09-0129). Side effects: AuditEntry."""
    if not reason.strip():
        raise ValidationError({"reason": _("회피·제척 사유를 적으세요.")})
    if membership.pk not in {m.pk for m in selectors.enrolled_memberships(item.meeting)}:
        raise ValidationError({"membership": _("이 회의의 재적위원이 아닙니다.")})
    try:
        with transaction.atomic():
            recusal = Recusal.objects.create(item=item, membership=membership, reason=reason.strip())
            audit_record(actor=actor, action="recusal_add", obj=item, note=f"{membership.person}: {reason}")
    except IntegrityError as exc:
        raise ValidationError({"membership": _("이미 회피·제척으로 기록된 위원입니다.")}) from exc
    return recusal


def _enrolled_in(body: Body, on: dt.date) -> int:
    return Membership.objects.filter(body=body).filter(current_q(on)).count()


def _convening_recipients(body: Body, on: dt.date) -> list[str]:
    """The chair(s) of the body, its secretary and the governance staff."""
    chairs = (
        Membership.objects.filter(body=body)
        .filter(current_q(on))
        .filter(
            role__in=[
                Membership.Role.CHAIR,
                Membership.Role.CO_CHAIR_OFFICIAL,
                Membership.Role.CO_CHAIR_CIVIL,
            ]
        )
        .exclude(person__email="")
        .values_list("person__email", flat=True)
    )
    emails = set(chairs)
    if body.secretary_person_id and body.secretary_person.email:
        emails.add(body.secretary_person.email)
    if body.secretary_post_id:
        emails |= set(
            body.secretary_post.holdings.filter(current_q(on))
            .exclude(person__email="")
            .values_list("person__email", flat=True)
        )
    emails |= set(
        get_user_model()
        .objects.filter(groups__name=GOVERNANCE_STAFF_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return sorted(emails)


def _current_member_of(body: Body, membership: Membership, on: dt.date) -> None:
    if membership.body_id != body.pk or not membership.is_current(on):
        raise ValidationError(_("이 기구의 현재 위원만 소집을 요구할 수 있습니다."))


def convening_request_open(
    *, actor, body: Body, membership: Membership, reason: str, today: dt.date | None = None
) -> ConveningRequest:
    """A member opens a convening request (소집 요구) and signs it first. The threshold is fixed at
    opening: ceil(재적 × the body's fraction) (1/3: 15 → 5). Side effects: request, signature,
    AuditEntry; e-mails when already satisfied."""
    today = today or timezone.localdate()
    _current_member_of(body, membership, today)
    if not reason.strip():
        raise ValidationError({"reason": _("소집 요구 사유를 적으세요.")})
    enrolled = _enrolled_in(body, today)
    with transaction.atomic():
        request = ConveningRequest.objects.create(
            body=body,
            reason=reason.strip(),
            enrolled=enrolled,
            threshold=committee_rules.convening_threshold(
                enrolled, body.convening_numerator, body.convening_denominator
            ),
        )
        ConveningSignature.objects.create(request=request, membership=membership)
        audit_record(actor=actor, action="convening_open", obj=request, after=snapshot(request))
        mail = _convening_check(actor=actor, request=request, today=today)
    if mail:
        _mail(*mail)
    return request


def convening_request_sign(
    *, actor, request: ConveningRequest, membership: Membership, today: dt.date | None = None
) -> ConveningRequest:
    """A member signs. When signatures reach the threshold the request is satisfied once, and the chair,
    the secretary and the governance staff are told by e-mail. Signing twice is refused.
    Side effects: signature, AuditEntry, e-mails."""
    today = today or timezone.localdate()
    _current_member_of(request.body, membership, today)
    try:
        with transaction.atomic():
            request = ConveningRequest.objects.select_for_update().get(pk=request.pk)
            ConveningSignature.objects.create(request=request, membership=membership)
            audit_record(actor=actor, action="convening_sign", obj=request, note=str(membership.person))
            mail = _convening_check(actor=actor, request=request, today=today)
    except IntegrityError as exc:
        raise ValidationError(_("이미 서명했습니다.")) from exc
    if mail:
        _mail(*mail)
    return request


def _convening_check(*, actor, request: ConveningRequest, today: dt.date) -> tuple | None:
    """Mark the request satisfied once its signatures reach the threshold; returns the e-mail to send
    after the transaction (subject, text, recipients), or None."""
    body = request.body
    signed = request.signatures.count()
    if request.satisfied_at is not None or not rules.convening_satisfied(
        signed,
        enrolled=request.enrolled,
        numerator=body.convening_numerator,
        denominator=body.convening_denominator,
    ):
        return None
    before = snapshot(request)
    request.satisfied_at = timezone.now()
    request.save(update_fields=["satisfied_at"])
    audit_record(
        actor=actor, action="convening_satisfied", obj=request, before=before, after=snapshot(request)
    )
    recipients = _convening_recipients(body, today)
    subject = _("[소집 요구 충족] %(b)s") % {"b": body.name}
    text = _(
        "%(b)s 재적위원 %(e)d명 중 %(n)d명이 회의 소집을 요구하였습니다 (필요 %(t)d명).\n사유: %(r)s"
    ) % {"b": body.name, "e": request.enrolled, "n": signed, "t": request.threshold, "r": request.reason}
    return subject, text, recipients


def calendar_exception_save(*, actor, date: dt.date, kind: str, reason: str) -> CalendarException:
    """Staff declare a closure (휴무일) or an extra working day; every app's working-day calendar
    (committees.workdays.load_calendar) then follows it. One exception per date. Side effects: AuditEntry."""
    if not reason.strip():
        raise ValidationError({"reason": _("사유를 적으세요.")})
    with transaction.atomic():
        existing = CalendarException.objects.select_for_update().filter(date=date).first()
        before = snapshot(existing) if existing else None
        exc = existing or CalendarException(date=date)
        exc.kind, exc.reason = kind, reason.strip()
        exc.full_clean()
        exc.save()
        audit_record(actor=actor, action="calendar_exception", obj=exc, before=before, after=snapshot(exc))
    return exc


def calendar_exception_delete(*, actor, exception: CalendarException) -> None:
    with transaction.atomic():
        audit_record(actor=actor, action="delete", obj=exception, before=snapshot(exception))
        exception.delete()


# --- written resolutions (서면의결) ----------------------------------------------------------------


def written_eligible(resolution_or_item) -> list[Membership]:
    """Members who may answer: in office on the meeting date (재적) and not recused on the item."""
    item = getattr(resolution_or_item, "item", resolution_or_item)
    recused = set(item.recusals.values_list("membership_id", flat=True))
    return [m for m in selectors.enrolled_memberships(item.meeting) if m.pk not in recused]


def written_open(*, actor, item: AgendaItem, deadline: dt.datetime, now: dt.datetime | None = None):
    """Open a written resolution (서면의결) on an agenda item, only where the meeting's rule body allows
    it (Body.allows_written_resolution; 법제처 의견 17-0150). Members answer in 내 회의 until the
    deadline. Side effects: WrittenResolution, AuditEntry, e-mails to the members."""
    now = now or timezone.now()
    meeting = item.meeting
    body = selectors.rule_body(meeting)
    if not body.allows_written_resolution:
        raise ValidationError(_("%(b)s은(는) 서면의결을 허용하지 않습니다.") % {"b": body.name})
    if item.kind not in (AgendaItem.Kind.RESOLUTION, AgendaItem.Kind.DELIBERATION):
        raise ValidationError({"item": _("심의·의결 안건에서만 서면의결을 할 수 있습니다.")})
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("취소된 회의입니다."))
    if not meeting.agenda_published:
        raise ValidationError(_("위원이 안건을 볼 수 있도록 먼저 안건을 공개하세요."))
    if deadline <= now:
        raise ValidationError({"deadline": _("응답 마감은 지금보다 뒤여야 합니다.")})
    if WrittenResolution.objects.filter(item=item).exists():
        raise ValidationError({"item": _("이 안건의 서면의결은 이미 요청되었습니다.")})
    with transaction.atomic():
        resolution = WrittenResolution.objects.create(item=item, opened_at=now, deadline=deadline)
        audit_record(actor=actor, action="written_open", obj=item, after=snapshot(resolution))
    _mail(
        _("[서면의결 요청] %(t)s (마감 %(d)s)") % {"t": item.title, "d": _kdatetime(deadline)},
        "\n".join(
            [
                _("다음 안건에 대한 서면의결을 요청합니다."),
                "",
                _("회의명: %(t)s") % {"t": meeting.title},
                _("안건: %(t)s") % {"t": item.title},
                _("응답 마감: %(d)s") % {"d": _kdatetime(deadline)},
                "",
                _("'내 회의'에서 찬성·반대·기권을 골라 응답하세요: %(u)s")
                % {"u": reverse("meetings:written_answer", args=[resolution.pk])},
            ]
        ),
        sorted({m.person.email for m in written_eligible(item) if m.person.email}),
    )
    return resolution


def written_answer(
    *, actor, resolution: WrittenResolution, membership: Membership, choice: str, now=None
) -> WrittenAnswer:
    """A member answers (찬성/반대/기권); one answer per member, which may be changed until the deadline.
    Side effects: WrittenAnswer, AuditEntry."""
    now = now or timezone.now()
    if choice not in NamedBallot.Choice.values:
        raise ValidationError({"choice": _("찬성·반대·기권 중 하나를 고르세요.")})
    with transaction.atomic():
        resolution = WrittenResolution.objects.select_for_update().get(pk=resolution.pk)
        if resolution.is_counted or now >= resolution.deadline:
            raise ValidationError(
                _("응답 마감(%(d)s)이 지나 응답할 수 없습니다.") % {"d": _kdatetime(resolution.deadline)}
            )
        if membership.pk not in {m.pk for m in written_eligible(resolution)}:
            raise ValidationError(_("이 서면의결에 응답할 수 있는 위원이 아닙니다."))
        existing = WrittenAnswer.objects.filter(resolution=resolution, membership=membership).first()
        before = snapshot(existing) if existing else None
        answer = existing or WrittenAnswer(resolution=resolution, membership=membership)
        answer.choice, answer.answered_at = choice, now
        answer.save()
        audit_record(
            actor=actor, action="written_answer", obj=resolution, before=before, after=snapshot(answer)
        )
    return answer


def written_count(*, actor, resolution: WrittenResolution, now=None) -> WrittenResolution:
    """After the deadline, count the answers with meetings.rules.written_outcome (majority of 재적).
    Answers of members no longer eligible (recused after answering) are not counted.
    Side effects: the result on the WrittenResolution, AuditEntry."""
    now = now or timezone.now()
    with transaction.atomic():
        resolution = (
            WrittenResolution.objects.select_for_update()
            .select_related("item__meeting")
            .get(pk=resolution.pk)
        )
        if resolution.is_counted:
            raise ValidationError(_("이미 집계한 서면의결입니다."))
        if now < resolution.deadline:
            raise ValidationError(
                _("응답 마감(%(d)s) 전에는 집계할 수 없습니다.") % {"d": _kdatetime(resolution.deadline)}
            )
        meeting = resolution.item.meeting
        eligible = {m.pk for m in written_eligible(resolution)}
        enrolled = len(selectors.enrolled_memberships(meeting))
        choices = [c for m, c in resolution.answers.values_list("membership_id", "choice") if m in eligible]
        yes, no, abstain = (choices.count(c) for c in ("yes", "no", "abstain"))
        try:
            outcome = rules.written_outcome(
                yes=yes,
                no=no,
                abstain=abstain,
                enrolled=enrolled,
                eligible=len(eligible),
                decision_rule=selectors.rule_body(meeting).decision_rule,
            )
        except rules.VoteError as exc:
            raise ValidationError(str(exc)) from exc
        before = snapshot(resolution)
        resolution.counted_at = now
        resolution.enrolled, resolution.eligible = enrolled, len(eligible)
        resolution.yes, resolution.no, resolution.abstain = yes, no, abstain
        resolution.required, resolution.passed = outcome.required, outcome.passed
        resolution.outcome_label = outcome.label
        resolution.save()
        audit_record(
            actor=actor, action="written_count", obj=resolution, before=before, after=snapshot(resolution)
        )
    return resolution
