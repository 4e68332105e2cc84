"""Terms of appointed members ending in 60 and in 30 days: the member and the governance staff are told.
Run daily (systemd timer: README «예약 작업»); a second run on the same day queues nothing (dedup keys),
and a missed day is caught up with --today."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from appointments import notifications


class Command(BaseCommand):
    help = "임기 만료 60일·30일 전 위원과 운영 담당에게 알림 메일을 보냅니다 (여러 번 실행해도 한 번만)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="기준일 YYYY-MM-DD (시험용, 기본 오늘)")

    def handle(self, *args, today, **options):
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--today: {exc}") from exc
        total = 0
        for days in notifications.TERM_WARNING_DAYS:
            for membership in notifications.terms_ending_on(day, days):
                with transaction.atomic():
                    outcome = notifications.notify_term_ending(membership, days=days)
                total += outcome.queued
                self.stdout.write(f"{days}\t{membership.body}\t{membership.person}\t{outcome.queued}")
        self.stdout.write(self.style.SUCCESS(f"queued {total}"))
