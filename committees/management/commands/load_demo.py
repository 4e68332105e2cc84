from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

# Each app adds its demo loader here; they run in this order, each idempotent.
LOADERS = [
    "committees.demo.load",
    "meetings.demo.load",
    "reports.demo.load",
    "appointments.demo.load",
]


class Command(BaseCommand):
    help = "성동구 구축계획(2015)의 데모 데이터를 불러옵니다 (여러 번 실행해도 같은 결과)."

    def handle(self, *args, **options):
        if not (settings.DEBUG or settings.DEVELOPMENT):
            raise CommandError(
                "load_demo is for development only: set DJANGO_DEVELOPMENT=1 (never in production)."
            )
        with transaction.atomic():
            for dotted in LOADERS:
                summary = import_string(dotted)()
                self.stdout.write(f"{dotted}: {summary}")
            accounts = import_string("committees.demo.load_accounts")()
        from committees.demo import DEMO_PASSWORD

        self.stdout.write(self.style.SUCCESS("데모 계정 (개발용 비밀번호: %s)" % DEMO_PASSWORD))
        for username, description in accounts:
            self.stdout.write(f"  {username:<10} {description}")
