"""The five demo accounts (development only; README «데모 계정»)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from committees.models import Gender, OrgUnit, Person, PostHolding
from committees.permissions import GOVERNANCE_STAFF_GROUP

DEMO_PASSWORD = "seongdong-demo-2016"  # development only; README «데모 계정»


def load_accounts() -> list[tuple[str, str]]:
    """The five demo accounts (development only), each linked to a person who has that role."""
    User = get_user_model()
    staff_group, _ = Group.objects.get_or_create(name=GOVERNANCE_STAFF_GROUP)
    accounts = []

    def account(username, *, superuser=False):
        user, created = User.objects.get_or_create(username=username)
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.is_superuser = user.is_staff = superuser
        user.save()
        return user

    admin = account("admin", superuser=True)
    accounts.append(("admin", "관리자 (Django 관리 화면 포함)"))
    staff = account("staff")
    staff.groups.add(staff_group)
    staff_person = Person.objects.filter(note="[demo:staff]").first() or Person.objects.create(
        name="주무관 데모", gender=Gender.MALE, affiliation="자치행정과", title="주무관", note="[demo:staff]"
    )
    _link(staff_person, staff)
    accounts.append(("staff", "운영 담당 (자치행정과 주무관)"))
    secretary_person = PostHolding.objects.get(post__name="자치행정과장", end__isnull=True).person
    _link(secretary_person, account("secretary"))
    accounts.append(("secretary", f"간사: 추진운영위원회 (자치행정과장 {secretary_person})"))
    member_person = Person.objects.get(note="[demo:steering:2:0]")
    _link(member_person, account("member"))
    accounts.append(("member", f"위원: 추진운영위원회 ({member_person})"))
    reporter = account("reporter")
    dong = OrgUnit.objects.get(name="금호1가동 주민센터", parent__isnull=False)
    dong.reporting_officers.add(reporter)
    # A 주무관 who sits on no body, so the account lands on the reporter's home, not a member's.
    reporter_person = Person.objects.filter(note="[demo:reporter]").first() or Person.objects.create(
        name="보고 데모",
        gender=Gender.FEMALE,
        affiliation="금호1가동 주민센터",
        title="주무관",
        note="[demo:reporter]",
    )
    _link(reporter_person, reporter)
    accounts.append(("reporter", "성과 보고 담당 (금호1가동 주민센터)"))
    del admin
    return accounts


def _link(person: Person, user) -> None:
    if person.user_id != user.pk:
        Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
        person.user = user
        person.save(update_fields=["user"])
