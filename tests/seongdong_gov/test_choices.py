"""seongdong_gov.choices.FastChoicesDisplay returns exactly what Django's get_FOO_display returns, for
every choice field of every model of the project, in both languages, for every choice, an empty value and
a value outside the choices."""

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from seongdong_gov.choices import FastChoicesDisplay, choice_label

FIELDS = [
    (model, field)
    for model in apps.get_models()
    if issubclass(model, FastChoicesDisplay)
    for field in model._meta.concrete_fields
    if field.choices
]


def test_every_app_model_with_choices_uses_the_mixin():
    assert len(FIELDS) >= 30
    project = {"committees", "meetings", "appointments", "reports"}
    missing = [
        model.__name__
        for model in apps.get_models()
        if model._meta.app_label in project and not issubclass(model, FastChoicesDisplay)
    ]
    assert missing == []


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize(
    ("model", "field"), FIELDS, ids=lambda x: getattr(x, "__name__", getattr(x, "name", ""))
)
def test_display_equals_djangos(model, field, language):
    values = [value for value, _label in field.flatchoices] + [None, "", "no-such-choice", 987654]
    with translation.override(language):
        for value in values:
            obj = model()
            setattr(obj, field.attname, value)
            fast = obj._get_FIELD_display(field)
            django = models.Model._get_FIELD_display(obj, field)
            assert fast == django and type(fast) is type(django), (model.__name__, field.name, value)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_choice_label_is_the_enum_label_in_the_active_language(language):
    from meetings.models import Attendance

    with translation.override(language):
        for value, label in Attendance.Status.choices:
            assert choice_label(Attendance.Status, value) == str(label)
            assert choice_label(Attendance.Status, value) == str(label)  # from the kept labels
        assert choice_label(Attendance.Status, "no-such-status") == "no-such-status"
    with translation.override("en"):
        english = choice_label(Attendance.Status, Attendance.Status.PRESENT)
    with translation.override("ko"):
        assert choice_label(Attendance.Status, Attendance.Status.PRESENT) != english


@pytest.mark.parametrize("language", ["ko", "en"])
def test_choice_labels_are_every_label_in_the_active_language(language):
    from committees.models import Membership
    from seongdong_gov.choices import choice_labels

    with translation.override(language):
        labels = choice_labels(Membership.Role)
        assert labels == {value: choice_label(Membership.Role, value) for value in Membership.Role.values}
        assert choice_labels(Membership.Role) is labels  # kept per language
    other = "en" if language == "ko" else "ko"
    with translation.override(other):
        assert choice_labels(Membership.Role)[Membership.Role.CHAIR] != labels[Membership.Role.CHAIR]
