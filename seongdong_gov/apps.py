from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeongdongGovConfig(AppConfig):
    name = "seongdong_gov"
    verbose_name = _("공통")

    def ready(self) -> None:
        from seongdong_gov import checks  # noqa: F401  (registers system checks)
