from django.core.management.base import BaseCommand

from seongdong_gov.mail import outbox_sweep


class Command(BaseCommand):
    help = "보낼 메일 중 때가 된 것을 작업 대기열에 다시 넣습니다 (작업 행을 잃어도 메일은 잃지 않도록)."

    def handle(self, *args, **options):
        count = outbox_sweep()
        if options["verbosity"]:
            self.stdout.write(f"{count}")
