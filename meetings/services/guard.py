"""The one guard every meetings write passes first: the meeting's row is locked for the caller's
transaction, and the lifecycle table (meetings.rules.lifecycle) decides whether the action is allowed in
its state, at this time, with its minutes locked or not. Then the caller writes, and `meeting_advance`
moves the meeting to the state the table gives."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from meetings import notifications, rules
from meetings.models import Meeting, Minutes
from meetings.services.tally import attendance_tally_invalidate
from seongdong_gov.audit import audit_record, snapshot

# what each action is called in a refusal: "회의 시작(…) 전에는 표결할 수 없습니다." (context "action": the
# same words are statuses or notification kinds elsewhere, which translate differently)
ACTION_LABELS = {
    "notice": pgettext_lazy("action", "소집 통지"),
    "reschedule": pgettext_lazy("action", "일정 변경"),
    "cancel": pgettext_lazy("action", "회의 취소"),
    "agenda_edit": pgettext_lazy("action", "안건 편집"),
    "agenda_publish": pgettext_lazy("action", "안건 공개"),
    "attachment_add": pgettext_lazy("action", "자료 첨부"),
    "observer_add": pgettext_lazy("action", "배석자 추가"),
    "recusal_add": pgettext_lazy("action", "회피·제척 기록"),
    "interest_declare": pgettext_lazy("action", "이해충돌 신고"),
    "challenge_file": pgettext_lazy("action", "기피 신청"),
    "interest_decide": pgettext_lazy("action", "이해충돌 처리"),
    "attendance": pgettext_lazy("action", "출석 기록"),
    "mark_held": pgettext_lazy("action", "개최 완료 처리"),
    "mark_no_quorum": pgettext_lazy("action", "유회 처리"),
    "vote": pgettext_lazy("action", "표결"),
    "evote_open": pgettext_lazy("action", "전자 투표 개시"),
    "evote_void": pgettext_lazy("action", "전자 투표 무효 처리"),
    "current_item": pgettext_lazy("action", "진행 안건 지정"),
    "screen_link": pgettext_lazy("action", "회의장 화면 주소 발급"),
    "election": pgettext_lazy("action", "선출 기록"),
    "written_open": pgettext_lazy("action", "서면의결 요청"),
    "written_answer": pgettext_lazy("action", "서면의결 응답"),
    "written_count": pgettext_lazy("action", "서면의결 집계"),
    "minutes_save": pgettext_lazy("action", "회의록 작성"),
    "minutes_approve": pgettext_lazy("action", "회의록 승인"),
    "minutes_lock": pgettext_lazy("action", "회의록 확정"),
    "minutes_correct": pgettext_lazy("action", "회의록 정정"),
}

LOCKED_MESSAGE = gettext_lazy("회의록이 확정되어 더 이상 바꿀 수 없습니다. 정정 기록을 남기세요.")


def refusal_message(*, reason: str, action: str, meeting: Meeting) -> str:
    label = ACTION_LABELS[action]
    if reason == "locked":
        return str(LOCKED_MESSAGE)
    if reason == "not_locked":
        return _("확정 전 회의록은 직접 고치세요.")
    if reason == "not_started":
        return _("회의 시작(%(t)s) 전에는 %(a)s할 수 없습니다.") % {
            "t": notifications.kdatetime(meeting.starts_at),
            "a": label,
        }
    return _("현재 상태(%(s)s)에서는 %(a)s할 수 없습니다.") % {"s": meeting.get_status_display(), "a": label}


def meeting_for_write(*, meeting_id: int, action: str, now: dt.datetime | None = None) -> Meeting:
    """Lock the meeting's row for the caller's transaction and check `action` against the lifecycle
    table: refused (ValidationError, a Korean message naming the reason) when its minutes are locked,
    its state does not allow it, or it needs the meeting to have started. Must run inside the caller's
    `transaction.atomic()`, before anything is written. Side effects: the row lock only."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("meeting_for_write must run inside the caller's transaction")
    now = now or timezone.now()
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    locked = Minutes.objects.filter(meeting_id=meeting_id, status=Minutes.Status.LOCKED).exists()
    reason = rules.action_refusal(
        action=action, state=meeting.status, started=now >= meeting.starts_at, locked=locked
    )
    if reason:
        raise ValidationError(refusal_message(reason=reason, action=action, meeting=meeting), code=reason)
    return meeting


def meeting_advance(*, actor, meeting: Meeting, action: str, **fields) -> Meeting:
    """Move a guarded meeting to the state the lifecycle table gives for `action` and save `fields` with
    it. A change of state raises the iCalendar SEQUENCE and is audited as `status:<state>`; no change
    and no fields: nothing is written. Side effects: the Meeting row, an AuditEntry."""
    to = rules.next_state(action, meeting.status)
    if to == meeting.status and not fields:
        return meeting
    before = snapshot(meeting)
    meeting.status = to
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.sequence += 1
    meeting.save()
    attendance_tally_invalidate()  # whether and when a meeting sat decides what its attendance counts
    audit_record(actor=actor, action=f"status:{to}", obj=meeting, before=before, after=snapshot(meeting))
    return meeting
