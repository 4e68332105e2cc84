import datetime as dt
from decimal import Decimal

import pytest

from committees.models import OrgUnit
from reports import services
from reports.models import Indicator, ReportingField, ReportingObligation
from tests import factories


@pytest.fixture
def field(db):
    f = ReportingField.objects.create(code="welfare", name="복지", lead_team="기초복지팀장", order=1)
    Indicator.objects.create(field=f, name="발굴 가구", unit="가구", order=1)
    Indicator.objects.create(field=f, name="상담", unit="건", order=2)
    return f


def make_unit(field, name="금호1가동 주민센터", email="officer@example.org"):
    unit = factories.OrgUnitFactory(name=name, kind=OrgUnit.Kind.DONG)
    ReportingObligation.objects.create(unit=unit, field=field)
    officer = factories.UserFactory(email=email)
    unit.reporting_officers.add(officer)
    return unit, officer


@pytest.fixture
def unit_and_officer(field):
    return make_unit(field)


@pytest.fixture
def staff(db):
    return factories.staff_user()


def full_values(field, base=10):
    return {ind.pk: Decimal(base + k) for k, ind in enumerate(field.indicators.order_by("order"))}


def submitted_report(field, unit, officer, month=dt.date(2026, 1, 1), base=10, when=None):
    report = services.report_save_draft(
        actor=officer,
        unit=unit,
        field=field,
        month=month,
        values=full_values(field, base),
        narrative={"achievements": "성과", "problems": "", "improvements": ""},
    )
    return services.report_submit(actor=officer, report=report, now=when)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded and generated files go to a temporary MEDIA_ROOT, never the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"
