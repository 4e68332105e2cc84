"""Written resolutions (서면의결): open, answer, count after the deadline."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.models import Membership
from meetings import notifications, rules, selectors
from meetings.models import AgendaItem, Meeting, NamedBallot, WrittenAnswer, WrittenResolution
from meetings.services.guard import meeting_for_write
from seongdong_gov.audit import audit_record, snapshot
from seongdong_gov.submissions import submission_claim


def written_open(
    *,
    actor,
    item: AgendaItem,
    deadline: dt.datetime,
    now: dt.datetime | None = None,
    submission_key: str | None = None,
):
    """Open a written resolution (서면의결) on an agenda item, only where the meeting's rule body allows
    it (Body.allows_written_resolution; 법제처 의견 17-0150). Members answer in 내 회의 until the
    deadline. Side effects: WrittenResolution, AuditEntry, e-mails to the members, the submission key."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting_for_write(meeting_id=item.meeting_id, action="written_open", now=now)
        submission_claim(key=submission_key)
        resolution = _written_open_write(actor=actor, item=item, deadline=deadline, now=now)
    return resolution


def _written_open_write(*, actor, item: AgendaItem, deadline: dt.datetime, now: dt.datetime):
    """The opening itself, under the guard written_open holds."""
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
    resolution = WrittenResolution.objects.create(item=item, opened_at=now, deadline=deadline)
    audit_record(actor=actor, action="written_open", obj=item, after=snapshot(resolution))
    notifications.notify_written_open(resolution, item, actor=actor)
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
        meeting_for_write(meeting_id=resolution.item.meeting_id, action="written_answer", now=now)
        resolution = WrittenResolution.objects.select_for_update().get(pk=resolution.pk)
        if resolution.is_counted or now >= resolution.deadline:
            raise ValidationError(
                _("응답 마감(%(d)s)이 지나 응답할 수 없습니다.")
                % {"d": notifications.kdatetime(resolution.deadline)}
            )
        if membership.pk not in {m.pk for m in selectors.written_eligible(resolution)}:
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
    """After the deadline, count the answers with meetings.rules.written_outcome_v2 under the rule body's
    `written_rule` ("재적 과반수 찬성" or "재적 과반수 회신, 회신 과반수 찬성"): 재적 taken at the deadline,
    recused members out of the base (issue 10 §3). Answers of members outside the base (recused after
    answering, out of office by the deadline) are not counted.
    Side effects: the result on the WrittenResolution (enrolled = 재적 at the deadline, eligible = the
    base), AuditEntry."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting_for_write(meeting_id=resolution.item.meeting_id, action="written_count", now=now)
        resolution = (
            WrittenResolution.objects.select_for_update()
            .select_related("item__meeting")
            .get(pk=resolution.pk)
        )
        if resolution.is_counted:
            raise ValidationError(_("이미 집계한 서면의결입니다."))
        if now < resolution.deadline:
            raise ValidationError(
                _("응답 마감(%(d)s) 전에는 집계할 수 없습니다.")
                % {"d": notifications.kdatetime(resolution.deadline)}
            )
        meeting = resolution.item.meeting
        body = selectors.rule_body(meeting)
        enrolled, recused = selectors.written_base(resolution)
        base = {m.pk for m in enrolled} - recused
        # only answers of members in the base count: a member recused after answering, or out of office
        # by the deadline, is not counted
        choices = [c for m, c in resolution.answers.values_list("membership_id", "choice") if m in base]
        yes, no, abstain = (choices.count(c) for c in ("yes", "no", "abstain"))
        try:
            outcome = rules.written_outcome_v2(
                enrolled_at_deadline=len(enrolled),
                recused=len(recused),
                replies=len(choices),
                yes=yes,
                no=no,
                abstain=abstain,
                rule=body.written_rule,
                decision_rule=body.decision_rule,
            )
        except rules.VoteError as exc:
            raise ValidationError(str(exc)) from exc
        before = snapshot(resolution)
        resolution.counted_at = now
        resolution.enrolled, resolution.eligible = len(enrolled), outcome.base
        resolution.yes, resolution.no, resolution.abstain = yes, no, abstain
        resolution.required, resolution.passed = outcome.yes_required, outcome.passed
        resolution.outcome_label = outcome.label
        resolution.save()
        audit_record(
            actor=actor, action="written_count", obj=resolution, before=before, after=snapshot(resolution)
        )
    return resolution
