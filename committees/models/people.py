"""Organisation units, persons, posts and who holds them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from committees.validators import reject_resident_number
from seongdong_gov import bounds
from seongdong_gov.bounds import date_range_constraint, validate_birth_date, validate_office_date
from seongdong_gov.choices import FastChoicesDisplay


class Gender(models.TextChoices):
    MALE = "M", _("남")
    FEMALE = "F", _("여")


class OrgUnit(FastChoicesDisplay, models.Model):
    """An organisation unit: 구청 → 국 → 과/담당관 → 팀; 동 주민센터 → 팀; or an outside body."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("구청")
        BUREAU = "bureau", _("국·소")
        DIVISION = "division", _("과·담당관")
        TEAM = "team", _("팀")
        DONG = "dong", _("동 주민센터")
        EXTERNAL = "external", _("외부 기관")

    name = models.CharField(_("명칭"), max_length=100)
    kind = models.CharField(_("구분"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("상위 조직"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField(_("순서"), default=0)
    reporting_officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("성과 보고 담당자"),
        blank=True,
        related_name="reporting_units",
    )

    class Meta:
        verbose_name = _("조직")
        verbose_name_plural = _("조직")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="orgunit_unique_name_per_parent"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent__isnull=True), name="orgunit_unique_root_name"
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="orgunit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("committees:org") + f"#unit-{self.pk}"


class Person(FastChoicesDisplay, models.Model):
    """A person who sits on a body or holds a post. Minimum personal data, no resident number."""

    name = models.CharField(_("성명"), max_length=50, validators=[reject_resident_number])
    gender = models.CharField(_("성별"), max_length=1, choices=Gender.choices)
    affiliation = models.CharField(_("소속"), max_length=100, blank=True, validators=[reject_resident_number])
    title = models.CharField(_("직함"), max_length=100, blank=True, validators=[reject_resident_number])
    email = models.EmailField(_("이메일"), blank=True)
    phone = models.CharField(_("전화번호"), max_length=30, blank=True)
    birth_date = models.DateField(_("생년월일"), null=True, blank=True, validators=[validate_birth_date])
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("로그인 계정"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    note = models.TextField(
        _("비고"), blank=True, max_length=bounds.TEXT_MAX, validators=[reject_resident_number]
    )

    class Meta:
        verbose_name = _("인물")
        verbose_name_plural = _("인물")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(gender__in=["M", "F"]), name="person_gender_valid"),
            date_range_constraint(
                "birth_date",
                "person_birth_date_range",
                low=bounds.BIRTH_DATE_MIN,
                high=bounds.BIRTH_DATE_DB_MAX,
                nullable=True,
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("committees:person_detail", args=[self.pk])


class Post(FastChoicesDisplay, models.Model):
    """A post (직위) such as 구청장 or 자치행정과장; its holders change over time."""

    name = models.CharField(_("직위명"), max_length=100)
    unit = models.ForeignKey(OrgUnit, verbose_name=_("조직"), on_delete=models.PROTECT, related_name="posts")
    order = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        verbose_name = _("직위")
        verbose_name_plural = _("직위")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="post_unique_name_per_unit")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("committees:post_detail", args=[self.pk])


class PostHolding(FastChoicesDisplay, models.Model):
    """Who held a post from `start` to `end` (inclusive; open while `end` is empty).

    Non-overlap per post is a database constraint (see migration 0002).
    """

    post = models.ForeignKey(Post, verbose_name=_("직위"), on_delete=models.PROTECT, related_name="holdings")
    person = models.ForeignKey(
        Person, verbose_name=_("재직자"), on_delete=models.PROTECT, related_name="holdings"
    )
    start = models.DateField(_("발령일"), validators=[validate_office_date])
    end = models.DateField(_("종료일"), null=True, blank=True, validators=[validate_office_date])
    note = models.CharField(_("비고"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("직위 재직")
        verbose_name_plural = _("직위 재직")
        ordering = ["post", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="holding_end_after_start"
            ),
            models.UniqueConstraint(
                fields=["post"], condition=Q(end__isnull=True), name="holding_one_open_per_post"
            ),
            date_range_constraint("start", "holding_start_range"),
            date_range_constraint("end", "holding_end_range", nullable=True),
        ]

    def __str__(self) -> str:
        return f"{self.post} · {self.person}"
