from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "committees"
    verbose_name = _("기구·위원")

    def ready(self) -> None:
        from committees import dashboard, render_ahead
        from seongdong_gov.dashboard import register

        register(dashboard.todo_panels, order=1)  # to-do lists open the home page
        register(
            dashboard.panels, order=10, cache=True
        )  # the home page's panel (see seongdong_gov.dashboard)
        render_ahead.register()  # documents rendered ahead by the worker (seongdong_gov.render_ahead)
