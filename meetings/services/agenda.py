"""The agenda: items, publication, recusals (제척·기피·회피) and the files attached to a meeting."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from committees.models import Membership
from meetings import notifications, selectors
from meetings.models import AgendaItem, Attachment, Meeting, Recusal
from meetings.services.guard import meeting_for_write
from seongdong_gov.audit import audit_record, snapshot
from seongdong_gov.submissions import submission_claim


def agenda_item_save(*, actor, item: AgendaItem, submission_key: str | None = None) -> AgendaItem:
    """Create or change an agenda item. Side effects: AgendaItem, AuditEntry, the submission key claimed
    (on creation)."""
    with transaction.atomic():
        meeting_for_write(meeting_id=item.meeting_id, action="agenda_edit")
        created = item.pk is None
        if created:
            submission_claim(key=submission_key)
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
        meeting = meeting_for_write(meeting_id=meeting.pk, action="agenda_publish")
        if not meeting.items.exists():
            raise ValidationError(_("안건이 없어 공개할 수 없습니다."))
        before = snapshot(meeting)
        meeting.agenda_published = True
        meeting.save(update_fields=["agenda_published"])
        audit_record(
            actor=actor, action="agenda_publish", obj=meeting, before=before, after=snapshot(meeting)
        )
        notifications.notify_agenda_published(meeting, actor=actor)
    return meeting


def recusal_add(
    *,
    actor,
    item: AgendaItem,
    membership: Membership,
    reason: str,
    kind: str = Recusal.Kind.AVOIDANCE,
    submission_key: str | None = None,
) -> Recusal:
    """회피 or 제척 on one item, recorded by the secretary: the member still counts toward the quorum to
    open but does not vote on the item (법제처 해석 09-0129). 기피 is recorded only as the decision on a
    challenge (services.challenge_decide). Side effects: Recusal, AuditEntry, the submission key claimed."""
    if kind not in (Recusal.Kind.AVOIDANCE, Recusal.Kind.DISQUALIFICATION):
        raise ValidationError({"kind": _("기피는 기피 신청에 대한 결정으로만 기록합니다.")})
    try:
        with transaction.atomic():
            meeting_for_write(meeting_id=item.meeting_id, action="recusal_add")
            if not reason.strip():
                raise ValidationError({"reason": _("회피·제척 사유를 적으세요.")})
            if membership.pk not in {m.pk for m in selectors.enrolled_memberships(item.meeting)}:
                raise ValidationError({"membership": _("이 회의의 재적위원이 아닙니다.")})
            submission_claim(key=submission_key)
            recusal = Recusal.objects.create(
                item=item, membership=membership, kind=kind, reason=reason.strip(), recorded_by=actor
            )
            audit_record(actor=actor, action="recusal_add", obj=item, note=f"{membership.person}: {reason}")
    except IntegrityError as exc:
        raise ValidationError({"membership": _("이미 회피·제척으로 기록된 위원입니다.")}) from exc
    return recusal


def _item_of_meeting(meeting: Meeting, item: AgendaItem | None) -> None:
    """A file on an item is a file of the item's meeting: the meeting page lists a meeting's files by
    their meeting (meetings.selectors.agenda_of), so an item of another meeting is refused."""
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": _("이 회의의 안건이 아닙니다.")})


def attachment_add(
    *,
    actor,
    meeting: Meeting,
    file,
    item: AgendaItem | None = None,
    submission_key: str | None = None,
    is_public: bool = False,
) -> Attachment:
    """Store an uploaded file on the meeting (on `item` when given). Its type and size are checked by
    the form's validator (validate_attachment). Side effects: Attachment and its file, AuditEntry, the
    submission key claimed."""
    _item_of_meeting(meeting, item)
    with transaction.atomic():
        meeting_for_write(meeting_id=meeting.pk, action="attachment_add")
        submission_claim(key=submission_key)
        attachment = Attachment.objects.create(
            meeting=meeting,
            item=item,
            file=file,
            original_name=file.name[:200],
            size=file.size,
            is_public=is_public,
        )
        audit_record(actor=actor, action="attachment_add", obj=meeting, note=attachment.original_name)
    return attachment


def attachment_replace_document(
    *, actor, meeting: Meeting, item: AgendaItem | None, documents: dict[str, bytes], action: str, note: str
) -> list[Attachment]:
    """Attach generated documents ({file name: content}) to the meeting, on `item` when given, replacing
    the attachments of the meeting with the same names, so the agenda carries only the latest version
    (the consolidated report of a month, attached again with new figures). For other apps' documents:
    they call this instead of creating meetings' rows. Side effects: Attachments and their files (the
    replaced ones deleted), one AuditEntry with `action` and `note`."""
    _item_of_meeting(meeting, item)
    with transaction.atomic():
        meeting_for_write(meeting_id=meeting.pk, action="attachment_add")
        replaced = list(
            Attachment.objects.select_for_update().filter(meeting=meeting, original_name__in=list(documents))
        )
        for old in replaced:
            old.file.delete(save=False)
            old.delete()
        created = [
            Attachment.objects.create(
                meeting=meeting,
                item=item,
                file=ContentFile(content, name=name),
                original_name=name,
                size=len(content),
            )
            for name, content in documents.items()
        ]
        audit_record(
            actor=actor,
            action=action,
            obj=meeting,
            note=note + (f" (replaced {len(replaced)})" if replaced else ""),
        )
    return created
