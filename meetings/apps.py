from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("회의")

    def ready(self) -> None:
        from meetings import dashboard, render_ahead
        from seongdong_gov.dashboard import register

        register(dashboard.todo_panels, order=2)  # to-do lists open the home page
        register(dashboard.panels, order=20)  # the home page's panel (see seongdong_gov.dashboard)
        render_ahead.register()  # documents rendered ahead by the worker (seongdong_gov.render_ahead)
