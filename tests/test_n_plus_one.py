"""The N+1 detector itself: a test that loads a relation row by row fails under `no_n_plus_one`,
and the same read with the relation joined passes."""

import pytest
from zeal import NPlusOneError

from committees.models import Membership
from tests import factories


@pytest.fixture
def memberships(db):
    body = factories.BodyFactory()
    for _ in range(3):
        factories.member(body)


def test_n_plus_one_detected(memberships, no_n_plus_one):
    with pytest.raises(NPlusOneError), no_n_plus_one():
        [m.person.name for m in Membership.objects.all()]


def test_joined_relation_passes(memberships, no_n_plus_one):
    with no_n_plus_one():
        assert len([m.person.name for m in Membership.objects.select_related("person")]) == 3
