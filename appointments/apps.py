from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = _("위촉")

    def ready(self) -> None:
        from appointments import dashboard
        from seongdong_gov.dashboard import register

        register(dashboard.todo_panels, order=4, cache=True)  # to-do lists open the home page
        register(
            dashboard.panels, order=40, cache=True
        )  # the home page's panel (see seongdong_gov.dashboard)
