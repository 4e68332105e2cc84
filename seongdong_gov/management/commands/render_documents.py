from django.core.management.base import BaseCommand

from seongdong_gov import render_ahead


class Command(BaseCommand):
    help = (
        "날짜가 찍히는 문서(위원 명단, 다가오는 회의의 통지문·서명부)를 미리 만들도록 작업 대기열에 넣습니다. "
        "매일 아침 한 번 실행합니다. --now: 작업자 없이 이 프로세스에서 바로 만듭니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="대기열 대신 이 프로세스에서 바로 만듭니다.")

    def handle(self, *args, **options):
        keys = render_ahead.daily_keys()
        if options["now"]:
            for kind, pk in keys:
                render_ahead.render(kind, pk)
            count = len(keys)
        else:
            count = render_ahead.enqueue(keys)
        if options["verbosity"]:
            self.stdout.write(f"{count}")
