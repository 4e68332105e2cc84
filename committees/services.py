"""Writes. Each service runs in one transaction, validates against committees.rules, and appends to
the audit trail. Input errors are raised as ValidationError with Korean messages for the form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committees import rules, selectors
from committees.enums import MANDATORY_NOTIFICATIONS
from committees.models import Membership, NotificationPreference, Person, Post, PostHolding, Seat, SeatGroup
from seongdong_gov.audit import audit_record, snapshot
from seongdong_gov.models import OutboundMessage


@dataclass
class Result:
    obj: models.Model
    warnings: list[str] = field(default_factory=list)


def object_save(
    *, actor, instance: models.Model, action: str | None = None, save_m2m: Callable[[], None] | None = None
) -> models.Model:
    """Save a plain record (unit, post, person, body) and audit the fields that changed, its
    many-to-many links included (e.g. a unit's reporting officers, who decide who reaches its reports):
    pass the form's `save_m2m` so the links are written in the same transaction.

    Side effects: one AuditEntry.
    """

    def links(obj) -> dict:
        return {
            f.name: sorted(getattr(obj, f.name).values_list("pk", flat=True)) for f in obj._meta.many_to_many
        }

    with transaction.atomic():
        before = None
        if instance.pk:
            previous = type(instance).objects.filter(pk=instance.pk).first()
            before = {**snapshot(previous), **links(previous)} if previous else None
        created = instance.pk is None
        instance.full_clean()
        instance.save()
        if save_m2m is not None:
            save_m2m()
        audit_record(
            actor=actor,
            action=action or ("create" if created else "update"),
            obj=instance,
            before=before,
            after={**snapshot(instance), **links(instance)},
        )
    return instance


def seat_group_save(*, actor, group: SeatGroup, effective: dt.date) -> SeatGroup:
    """Create or change a composition line and keep its seats in step with `count`.

    Side effects: creates Seat rows up to `count`; deactivates surplus seats (kept for history) and
    refuses when a surplus seat still has a member on or after `effective`; for an ex officio line,
    seats the post's current holder from `effective` (ex officio seats are filled only through their
    post); one AuditEntry.
    """
    with transaction.atomic():
        before = None
        if group.pk:
            before = snapshot(SeatGroup.objects.get(pk=group.pk))
        created = group.pk is None
        group.full_clean()
        group.save()
        seats = list(Seat.objects.select_for_update().filter(group=group).order_by("number"))
        by_number = {s.number: s for s in seats}
        for number in range(1, group.count + 1):
            seat = by_number.get(number)
            if seat is None:
                Seat.objects.create(group=group, number=number)
            elif not seat.active:
                seat.active = True
                seat.save(update_fields=["active"])
        for seat in seats:
            if seat.number > group.count and seat.active:
                busy = seat.memberships.filter(
                    models.Q(end__isnull=True) | models.Q(end__gte=effective)
                ).exists()
                if busy:
                    raise ValidationError(
                        _(
                            "%(n)d번 좌석에 재임 중인 위원이 있어 정원을 줄일 수 없습니다. 먼저 재임을 종료하세요."
                        )
                        % {"n": seat.number}
                    )
                seat.active = False
                seat.save(update_fields=["active"])
        if group.is_ex_officio:
            _seat_post_holder(actor=actor, group=group, effective=effective)
        audit_record(
            actor=actor,
            action="create" if created else "update",
            obj=group,
            before=before,
            after=snapshot(group),
        )
    return group


def _seat_post_holder(*, actor, group: SeatGroup, effective: dt.date) -> None:
    seat = group.seats.get(number=1)
    if seat.memberships.filter(models.Q(end__isnull=True) | models.Q(end__gte=effective)).exists():
        return
    holding = selectors.current_holding(group.post, effective)
    if holding is None:
        return
    _open_ex_officio(actor=actor, seat=seat, holding=holding, start=max(effective, holding.start), role=None)


def _open_ex_officio(
    *, actor, seat: Seat, holding: PostHolding, start: dt.date, role: str | None
) -> Membership:
    body = seat.group.body
    if (
        Membership.objects.filter(body=body, person=holding.person)
        .filter(models.Q(end__isnull=True) | models.Q(end__gte=start))
        .exists()
    ):
        raise ValidationError(
            _("%(person)s 님은 이미 %(body)s의 위원이어서 당연직 좌석(%(seat)s)을 겸할 수 없습니다.")
            % {"person": holding.person, "body": body, "seat": seat.group.label}
        )
    membership = Membership.objects.create(
        seat=seat,
        body=body,
        person=holding.person,
        role=role or Membership.Role.MEMBER,
        start=start,
        post_holding=holding,
    )
    audit_record(actor=actor, action="ex_officio_seated", obj=membership, after=snapshot(membership))
    return membership


def membership_appoint(
    *,
    actor,
    seat: Seat,
    person: Person,
    role: str,
    start: dt.date,
    end: dt.date | None = None,
    gender_exception_reason: str = "",
    note: str = "",
) -> Result:
    """Seat a person in an appointed seat.

    Refuses: ex officio seats (filled only through their post); a seat already taken in the period; a
    person already on the body in the period; a gender ratio above 6/10 of the appointed seats without
    an exception reason (양성평등기본법 제21조②). Warns above the cross-membership cap.
    Side effects: one Membership, one AuditEntry.
    """
    group = seat.group
    body = group.body
    if group.is_ex_officio:
        raise ValidationError(
            _("당연직 좌석은 직위(%(post)s)의 재직자가 자동으로 맡습니다. 직위의 인사 발령으로 처리하세요.")
            % {"post": group.post}
        )
    if end is not None and end < start:
        raise ValidationError({"end": _("종료일은 시작일보다 빠를 수 없습니다.")})
    with transaction.atomic():
        Seat.objects.select_for_update().filter(pk=seat.pk).first()
        errors = _period_conflicts(seat=seat, body=body, person=person, start=start, end=end)
        if errors:
            raise ValidationError(errors)
        reason = gender_exception_reason.strip()
        if body.gender_balance_applies:
            counts = selectors.appointed_gender_counts(body, start, end)
            counts[person.gender] += 1
            check = rules.gender_balance(counts, selectors.appointed_seat_total(body))
            if not check.ok and not reason:
                raise ValidationError(
                    {
                        "gender_exception_reason": _(
                            "양성평등기본법 제21조②에 따라 위촉직 위원은 특정 성별이 10분의 6을 넘을 수 없습니다"
                            " (위촉직 정원 %(seats)d명 중 한 성별 최대 %(limit)d명, 이 위촉으로 %(count)d명)."
                            " 예외로 위촉하려면 사유를 기록하세요."
                        )
                        % {
                            "seats": selectors.appointed_seat_total(body),
                            "limit": check.limit,
                            "count": check.count,
                        }
                    }
                )
        else:
            reason = ""
        membership = Membership(
            seat=seat,
            body=body,
            person=person,
            role=role,
            start=start,
            end=end,
            gender_exception_reason=reason,
            note=note,
        )
        membership.full_clean()
        try:
            with transaction.atomic():
                membership.save()
        except IntegrityError as exc:  # a concurrent appointment won the seat
            raise ValidationError(_("같은 기간에 이 좌석 또는 이 위원의 다른 재임이 이미 있습니다.")) from exc
        audit_record(actor=actor, action="appoint", obj=membership, after=snapshot(membership))
    warnings = []
    held = selectors.bodies_held_by(person, start, end)
    cap = settings.MAX_BODIES_PER_PERSON
    if rules.over_membership_cap(held, cap):
        warnings.append(
            _("%(person)s 님은 이 기간에 %(n)d개 기구의 위원입니다 (권고 상한 %(cap)d개).")
            % {"person": person, "n": held, "cap": cap}
        )
    return Result(membership, warnings)


def _period_conflicts(*, seat, body, person, start, end, exclude_pk=None) -> dict[str, str]:
    overlapping = models.Q(start__lte=end or dt.date.max) & (
        models.Q(end__isnull=True) | models.Q(end__gte=start)
    )
    errors: dict[str, str] = {}
    seat_taken = (
        Membership.objects.filter(overlapping, seat=seat)
        .exclude(pk=exclude_pk)
        .select_related("person")
        .first()
    )
    if seat_taken:
        errors["seat"] = _("이 좌석은 해당 기간에 %(person)s 님이 재임 중입니다 (%(start)s부터).") % {
            "person": seat_taken.person,
            "start": seat_taken.start.isoformat(),
        }
    if Membership.objects.filter(overlapping, body=body, person=person).exclude(pk=exclude_pk).exists():
        errors["person"] = _("%(person)s 님은 해당 기간에 이미 %(body)s의 위원입니다.") % {
            "person": person,
            "body": body,
        }
    return errors


def membership_update(
    *, actor, membership: Membership, role: str, note: str, gender_exception_reason: str
) -> Membership:
    """Change a membership's role or notes. Dates change only through appoint/end.
    Side effects: one AuditEntry."""
    with transaction.atomic():
        before = snapshot(membership)
        membership.role = role
        membership.note = note
        membership.gender_exception_reason = gender_exception_reason
        membership.full_clean()
        membership.save(update_fields=["role", "note", "gender_exception_reason"])
        audit_record(actor=actor, action="update", obj=membership, before=before, after=snapshot(membership))
    return membership


def membership_end(*, actor, membership: Membership, end: dt.date, reason: str) -> Membership:
    """End a membership on `end` (inclusive) with a recorded reason. Refuses an ex officio membership:
    it ends only through the post's personnel move (post_holder_change). Side effects: one AuditEntry."""
    if membership.seat.group.is_ex_officio:
        raise ValidationError(_("당연직 재임은 직위의 인사 발령으로 끝납니다."))
    if end < membership.start:
        raise ValidationError(
            {"end": _("종료일은 시작일(%(start)s)보다 빠를 수 없습니다.") % {"start": membership.start}}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("종료 사유를 입력하세요.")})
    with transaction.atomic():
        before = snapshot(membership)
        membership.end = end
        membership.end_reason = reason.strip()
        membership.save(update_fields=["end", "end_reason"])
        audit_record(actor=actor, action="end", obj=membership, before=before, after=snapshot(membership))
    return membership


def post_holder_change(
    *, actor, post: Post, person: Person | None, start: dt.date, note: str = ""
) -> PostHolding | None:
    """Record a personnel move (인사 발령): from `start`, `person` holds `post` (None leaves it vacant).

    Side effects, in one transaction: the open holding ends the day before `start`; every ex officio
    seat bound to the post follows: its current membership ends the day before `start` (reason:
    인사 발령) and, if there is a new holder, a membership opens for them from `start` with the same
    role (a 공동위원장 by post stays 공동위원장). AuditEntries for each change.
    """
    with transaction.atomic():
        Post.objects.select_for_update().filter(pk=post.pk).first()
        current = PostHolding.objects.filter(post=post, end__isnull=True).first()
        if current is not None:
            if start <= current.start:
                raise ValidationError(
                    {
                        "start": _("발령일은 현 재직자의 발령일(%(d)s) 이후여야 합니다.")
                        % {"d": current.start.isoformat()}
                    }
                )
            if person is not None and current.person_id == person.pk:
                raise ValidationError(
                    {"person": _("%(person)s 님이 이미 이 직위의 재직자입니다.") % {"person": person}}
                )
        later = PostHolding.objects.filter(post=post, start__gte=start).exists()
        if later:
            raise ValidationError({"start": _("이 날짜 이후에 기록된 발령이 있습니다.")})
        last_day = rules.day_before(start)
        if current is not None:
            before = snapshot(current)
            current.end = last_day
            current.save(update_fields=["end"])
            audit_record(actor=actor, action="post_left", obj=current, before=before, after=snapshot(current))
        holding = None
        if person is not None:
            holding = PostHolding.objects.create(post=post, person=person, start=start, note=note)
            audit_record(actor=actor, action="post_taken", obj=holding, after=snapshot(holding))
        seats = Seat.objects.filter(
            group__post=post, group__kind=SeatGroup.Kind.EX_OFFICIO, active=True
        ).select_related("group__body", "group__post")
        for seat in seats:
            role = None
            for m in seat.memberships.filter(models.Q(end__isnull=True) | models.Q(end__gte=start)):
                role = m.role
                before = snapshot(m)
                if (
                    m.start >= start
                ):  # a seat filled on or after the move date belongs to the old holder by mistake
                    raise ValidationError(_("발령일 이후에 시작된 당연직 재임이 있어 처리할 수 없습니다."))
                m.end = last_day
                m.end_reason = _("인사 발령")
                m.save(update_fields=["end", "end_reason"])
                audit_record(actor=actor, action="ex_officio_left", obj=m, before=before, after=snapshot(m))
            if holding is not None:
                _open_ex_officio(actor=actor, seat=seat, holding=holding, start=start, role=role)
    return holding


# ---- notifications ---------------------------------------------------------------------------------


def notification_preferences_set(*, actor, person: Person, enabled: dict[str, bool]) -> None:
    """Store the person's choice per optional kind; legal notices are not the person's to turn off, so
    their entries are ignored. Side effects: one NotificationPreference row per optional kind; audit."""
    with transaction.atomic():
        for kind, on in enabled.items():
            if kind in MANDATORY_NOTIFICATIONS:
                continue
            NotificationPreference.objects.update_or_create(
                person=person, kind=kind, defaults={"enabled": bool(on)}
            )
        audit_record(
            actor=actor,
            action="notification_preferences",
            obj=person,
            note=", ".join(k for k, on in sorted(enabled.items()) if not on),
        )


def notifications_mark_read(*, user, person_id: int | None) -> int:
    """The user has seen their notifications page: every unread message to them becomes read.
    Side effects: sets OutboundMessage.read_at. Returns how many."""
    with transaction.atomic():
        return OutboundMessage.objects.filter(
            selectors.messages_for_user_q(user, person_id), read_at__isnull=True
        ).update(read_at=timezone.now())
