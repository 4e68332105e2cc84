from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("사업성과 보고")

    def ready(self) -> None:
        from reports import dashboard
        from seongdong_gov.dashboard import register

        register(dashboard.todo_panels, order=3, cache=True)  # to-do lists open the home page
        register(
            dashboard.panels, order=30, cache=True
        )  # the home page's panel (see seongdong_gov.dashboard)
