"""Daily reminder e-mails for monthly reports. Safe to run every day: each (unit, field, month, kind)
is sent once and recorded in ReminderLog. Cron (08:30 KST every day, as the app user):

    30 8 * * * cd /srv/seongdong_gov && .venv/bin/python manage.py send_report_reminders --days 3
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports.reminders import send_reminders


class Command(BaseCommand):
    help = "사업성과 보고 마감 임박·경과 알림 메일을 보냅니다 (매일 실행해도 알림마다 한 번만 발송)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=3, help="마감 며칠 전부터 임박 알림을 보낼지 (기본 3)"
        )
        parser.add_argument("--today", help="기준일 YYYY-MM-DD (시험용, 기본 오늘)")

    def handle(self, *args, days, today, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more")
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--today: {exc}") from exc
        sent = send_reminders(today=day, days_before=days)
        for log in sent:
            self.stdout.write(f"{log.kind}\t{log.unit}\t{log.field}\t{log.month:%Y-%m}\t{log.recipients}")
        self.stdout.write(self.style.SUCCESS(f"sent {len(sent)}"))
