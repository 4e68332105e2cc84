"""Every model of meetings, appointments and reports has a factory, and each factory builds a valid row."""

from __future__ import annotations

import factory
import pytest
from django.apps import apps

from tests import factories

FACTORIES = [
    f
    for f in vars(factories).values()
    if isinstance(f, type) and issubclass(f, factory.django.DjangoModelFactory) and f._meta.model
]


def test_every_model_of_the_apps_has_a_factory():
    covered = {f._meta.model for f in FACTORIES}
    models = {
        m for app in ["meetings", "appointments", "reports"] for m in apps.get_app_config(app).get_models()
    }
    assert {m.__name__ for m in models - covered} == set()


@pytest.mark.parametrize("model_factory", FACTORIES, ids=lambda f: f.__name__)
def test_factory_builds_a_valid_row(db, model_factory, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    obj = model_factory()
    obj.full_clean()
    assert type(obj).objects.filter(pk=obj.pk).exists()
