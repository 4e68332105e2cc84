"""Permission matrix: every reports URL × every role → status of a GET (pretix's test_permissions.py).

A reporting officer reaches only their own unit's reports (another unit's is a 404, never a 403 that would
confirm it exists); 자치행정과 (governance staff) reaches all of them and alone reviews and consolidates.
"""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from committees.models import OrgUnit
from reports.models import Report
from tests import factories
from tests.conftest import LOGIN, assert_statuses

S, F, N, L, X = 200, 403, 404, LOGIN, 405  # X: the URL takes POST only; L: the login page

STAFF_ONLY = {
    "anonymous": L,
    "member": F,
    "secretary_other": F,
    "secretary": F,
    "reporter": F,
    "staff": S,
    "admin": S,
}
STAFF_POST_ONLY = {**STAFF_ONLY, "staff": X, "admin": X}
# the unit's own reporting officer and 자치행정과; everyone else: 404
OWN_UNIT = {
    "anonymous": L,
    "member": N,
    "secretary_other": N,
    "secretary": N,
    "reporter": S,
    "staff": S,
    "admin": S,
}
# another unit's objects: only 자치행정과
OTHER_UNIT = {**OWN_UNIT, "reporter": N}

MATRIX = {
    "reports:list": (lambda o: [], OWN_UNIT),
    "reports:edit": (
        lambda o: [o["own"].unit_id, o["own"].field.code, o["own"].month.year, o["own"].month.month],
        OWN_UNIT,
    ),
    "reports:detail": (lambda o: [o["own"].pk], OWN_UNIT),
    "reports:review": (lambda o: [o["own"].pk], STAFF_POST_ONLY),
    "reports:attachment": (lambda o: [o["attachment"].pk], OWN_UNIT),
    "reports:dashboard": (lambda o: [], STAFF_ONLY),
    "reports:unit_history": (lambda o: [o["own"].unit_id], OWN_UNIT),
    "reports:consolidated": (lambda o: [], STAFF_ONLY),
    "reports:field_list": (lambda o: [], STAFF_ONLY),
    "reports:field_edit": (lambda o: [o["own"].field.code], STAFF_ONLY),
    "reports:indicator_new": (lambda o: [o["own"].field.code], STAFF_ONLY),
    "reports:indicator_edit": (
        lambda o: [o["own"].field.code, o["own"].field.indicators.first().pk],
        STAFF_ONLY,
    ),
    "reports:consolidated_attach": (lambda o: [], STAFF_POST_ONLY),
    "reports:consolidated_pdf": (lambda o: [], STAFF_ONLY),
    "reports:consolidated_xlsx": (lambda o: [], STAFF_ONLY),
    "reports:consolidated_hwpx": (lambda o: [], STAFF_ONLY),
}
# the same pages on another unit's objects
OTHER_MATRIX = {
    "reports:edit": (
        lambda o: [o["other"].unit_id, o["other"].field.code, o["other"].month.year, o["other"].month.month],
        OTHER_UNIT,
    ),
    "reports:detail": (lambda o: [o["other"].pk], OTHER_UNIT),
    "reports:attachment": (lambda o: [o["other_attachment"].pk], OTHER_UNIT),
    "reports:unit_history": (lambda o: [o["other"].unit_id], OTHER_UNIT),
}


@pytest.fixture
def objects(role_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    field = factories.ReportingFieldFactory(code="welfare", name="복지")
    factories.IndicatorFactory.create_batch(2, field=field)
    # editable reports (draft or returned), so the edit page answers rather than redirecting to the detail
    own = factories.ReportFactory(unit=role_world.reporter_unit, field=field)
    other = factories.ReportFactory(
        unit=factories.OrgUnitFactory(name="사근동 주민센터", kind=OrgUnit.Kind.DONG),
        field=field,
        state=Report.State.RETURNED,
    )
    return {
        "own": own,
        "other": other,
        "attachment": factories.ReportAttachmentFactory(report=own),
        "other_attachment": factories.ReportAttachmentFactory(report=other),
    }


def test_matrix_covers_every_reports_url():
    names = {
        f"reports:{n}" for n in get_resolver().namespace_dict["reports"][1].reverse_dict if isinstance(n, str)
    }
    assert names == set(MATRIX)


@pytest.mark.parametrize("name", list(MATRIX))
def test_permission_matrix(role_users, objects, name):
    args, expected = MATRIX[name]
    assert_statuses(role_users, reverse(name, args=args(objects)), expected)


@pytest.mark.parametrize("name", list(OTHER_MATRIX))
def test_permission_matrix_on_another_units_objects(role_users, objects, name):
    args, expected = OTHER_MATRIX[name]
    assert_statuses(role_users, reverse(name, args=args(objects)), expected)
