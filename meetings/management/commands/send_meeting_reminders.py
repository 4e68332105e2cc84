"""The day-before reminder to the members of every noticed meeting that starts tomorrow (Seoul date), and,
where its agenda is published, a second one to the members who have not answered every item's 이해충돌
question.
Safe to run more than once a day: each meeting's reminder has a dedup key in the outbox (a moved meeting,
with a new start, gets a new reminder). systemd timer: README «예약 작업»."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from meetings import notifications
from meetings.models import Meeting


class Command(BaseCommand):
    help = "내일 열리는 회의(소집 통지를 한 회의)의 위원에게 전날 알림 메일을 보냅니다 (여러 번 실행해도 한 번만)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="기준일 YYYY-MM-DD (시험용, 기본 오늘)")

    def handle(self, *args, today, **options):
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--today: {exc}") from exc
        tomorrow = day + dt.timedelta(days=1)
        meetings = Meeting.objects.filter(
            status=Meeting.Status.NOTICE_SENT, starts_at__date=tomorrow
        ).prefetch_related("bodies")
        total = 0
        for meeting in meetings:
            with transaction.atomic():
                outcome = notifications.notify_reminder(meeting)
                interests = (
                    notifications.notify_interest_reminder(meeting)
                    if meeting.agenda_published
                    else notifications.Outcome()
                )
            total += outcome.queued + interests.queued
            self.stdout.write(f"{meeting.pk}\t{meeting.title}\t{outcome.queued}\t{interests.queued}")
        self.stdout.write(self.style.SUCCESS(f"queued {total}"))
