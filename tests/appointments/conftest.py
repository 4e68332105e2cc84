import datetime as dt

import pytest

from appointments import services
from tests import factories

D = dt.date


@pytest.fixture
def cohort(db):
    """A body with 8 appointed seats and 8 recorded appointments from 2016-01-15."""
    body = factories.BodyFactory(name="추진운영위원회", gender_balance_applies=False)
    group = factories.seat_group(body, label="위촉직", count=8)
    appointments = []
    for i in range(8):
        person = factories.PersonFactory(name=f"김위원{i}")
        membership = factories.appoint(group, person)
        appointments.append(
            services.appointment_record(actor=None, membership=membership, recommended_by="민간협의체")
        )
    return {"body": body, "group": group, "appointments": appointments}
