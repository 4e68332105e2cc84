from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from committees import documents, permissions, pickers, selectors, services
from committees.charts import org_chart
from committees.decorators import staff_required
from committees.forms import (
    BodyForm,
    MembershipEditForm,
    MembershipEndForm,
    OrgUnitForm,
    PersonForm,
    PostForm,
    PostMoveForm,
    SeatGroupForm,
)
from committees.markup import body_rows_html, chart_html, composition_html
from committees.models import Body, Membership, OrgUnit, Person, Post, PostHolding, SeatGroup
from seongdong_gov.bounds import ID_MAX, int_param
from seongdong_gov.documents import file_response
from seongdong_gov.forms import form_view
from seongdong_gov.pagination import paginate
from seongdong_gov.rules import date_dots

# ---- bodies ----------------------------------------------------------------------------------------


@login_required
def body_list(request):
    today = timezone.localdate()
    rows = body_rows_html(selectors.bodies_with_counts(today))
    return render(request, "committees/body_list.html", {"rows": rows, "today": today})


@login_required
def body_chart(request):
    chart = org_chart(Body.objects.filter(is_active=True))
    return render(request, "committees/body_chart.html", {"chart": chart, "markup": chart_html(chart)})


@login_required
def body_detail(request, pk: int):
    """A body's composition is public record: every signed-in user may read it. Contact details are
    shown only to roles that need them (permissions.can_see_contacts)."""
    roles = permissions.roles_for(request.user)
    body = permissions.body_for_user(roles, pk)
    today = timezone.localdate()
    groups = selectors.body_composition(body, today)
    secretary = body.secretary_person
    if body.secretary_post_id:
        holding = selectors.current_holding(body.secretary_post, today)
        secretary = holding.person if holding else None
    can_manage, show_contacts = roles.can_manage_body(body.pk), permissions.can_see_body_contacts(roles, body)
    return render(
        request,
        "committees/body_detail.html",
        {
            "body": body,
            "composition": composition_html(
                body,
                groups,
                show_contacts=show_contacts,
                can_manage=can_manage,
                is_staff=roles.is_governance_staff,
            ),
            "summary": selectors.composition_summary(groups),
            "secretary": secretary,
            "today": today,
            "can_manage": can_manage,
            "show_contacts": show_contacts,
            "children": body.children.filter(is_active=True),
            "gender_balance": selectors.gender_balance_of(body, today),
        },
    )


@login_required
def body_roster(request, pk: int, fmt: str):
    """위원 명단 as HWPX, PDF or XLSX: whoever may read the body page, contacts as on the page."""
    roles = permissions.roles_for(request.user)
    body = permissions.body_for_user(roles, pk)
    if fmt not in ("hwpx", "pdf", "xlsx"):
        raise Http404
    today = timezone.localdate()
    groups = selectors.body_composition(body, today)
    show_contacts = permissions.can_see_body_contacts(roles, body)
    stem = f"{today:%Y-%m-%d} {body.name} {_('위원명단')}"
    if fmt == "xlsx":
        content = documents.roster_xlsx(body, groups, on=today, show_contacts=show_contacts)
        return file_response(content, f"{stem}.xlsx", "xlsx")
    return documents.roster_document(body, groups, on=today, show_contacts=show_contacts).response(fmt, stem)


@staff_required
@require_http_methods(["GET", "POST"])
def body_edit(request, pk: int | None = None):
    body = get_object_or_404(Body, pk=pk) if pk else Body()
    form = BodyForm(request.POST or None, instance=body)
    return form_view(
        request,
        form,
        lambda data: services.object_save(actor=request.user, instance=form.save(commit=False)),
        success_url=lambda saved: saved.get_absolute_url(),
        message=_("기구를 저장했습니다."),
        title=_("기구 수정") if pk else _("기구 등록"),
        back=body.get_absolute_url() if pk else None,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def seat_group_edit(request, body_pk: int, pk: int | None = None):
    body = get_object_or_404(Body, pk=body_pk)
    group = get_object_or_404(SeatGroup, pk=pk, body=body) if pk else SeatGroup(body=body)
    form = SeatGroupForm(request.POST or None, instance=group, initial={"effective": timezone.localdate()})
    return form_view(
        request,
        form,
        lambda data: services.seat_group_save(
            actor=request.user, group=form.save(commit=False), effective=data["effective"]
        ),
        success_url=body.get_absolute_url(),
        message=_("정원 구성을 저장했습니다."),
        title=_("%(body)s 정원 구성") % {"body": body},
        back=body.get_absolute_url(),
    )


def _predates_locked(meetings: list[tuple[str, dt.date]]) -> str:
    """A change dated before locked minutes is history: allowed, and the staff member is told which locked
    minutes it predates (they do not change)."""
    if not meetings:
        return ""
    names = ", ".join(f"{title} {date_dots(day)}" for title, day in meetings)
    return " " + _(
        "확정된 회의록 %(n)d건(%(names)s)보다 앞선 날짜입니다. 확정된 회의록은 바뀌지 않습니다."
    ) % {
        "n": len(meetings),
        "names": names,
    }


# ---- memberships -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request, pk: int):
    membership = permissions.membership_for_manage(permissions.roles_for(request.user), pk)
    form = MembershipEditForm(request.POST or None, instance=membership)
    return form_view(
        request,
        form,
        lambda data: services.membership_update(actor=request.user, membership=membership, **data),
        success_url=membership.body.get_absolute_url(),
        message=_("재임 정보를 저장했습니다."),
        title=_("%(person)s · %(body)s") % {"person": membership.person, "body": membership.body},
        back=membership.body.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request, pk: int):
    membership = permissions.membership_for_manage(permissions.roles_for(request.user), pk)
    form = MembershipEndForm(request.POST or None, initial={"end": timezone.localdate()})
    return form_view(
        request,
        form,
        lambda data: services.membership_end(actor=request.user, membership=membership, **data),
        success_url=membership.body.get_absolute_url(),
        message=lambda ended: (
            _("재임을 종료했습니다.")
            + _predates_locked(selectors.locked_meetings_predated_by_end(ended, ended.end))
        ),
        title=_("재임 종료: %(person)s · %(body)s") % {"person": membership.person, "body": membership.body},
        back=membership.body.get_absolute_url(),
        # irreversible: the page says what will happen before the button does it (issue 10 §2)
        context={
            "intro": _(
                "재임을 종료하면 종료일 다음 날부터 %(person)s 님은 %(body)s의 재적에서 빠집니다. 종료일과 사유는 "
                "이력으로 남고, 이미 확정된 회의록은 바뀌지 않습니다."
            )
            % {"person": membership.person, "body": membership.body},
            "submit_label": _("재임 종료"),
        },
    )


# ---- people ----------------------------------------------------------------------------------------


@staff_required
def person_list(request):
    """Every person, a page at a time (the district has thousands; the list once stopped at 500 and the
    rest were reachable only by a search), or those whose name contains `q`."""
    query = request.GET.get("q", "").strip()
    people = Person.objects.all()
    if query:
        people = people.filter(name__icontains=query)
    return render(request, "committees/person_list.html", {**paginate(request, people), "q": query})


def _pick(request, kind: str, queryset):
    """A picker's matches as an htmx fragment (committees/pickers.py); the names come from the page."""
    name = request.GET.get("name") or kind
    element_id = request.GET.get("id") or f"id_{name}"
    if not (pickers.NAME_RE.match(name) and pickers.NAME_RE.match(element_id)):
        raise Http404
    chosen = int_param(request, name, default=0, min=1, max=ID_MAX)
    results = pickers.results_context(
        kind,
        queryset,
        name=name,
        element_id=element_id,
        query=request.GET.get(f"{name}{pickers.QUERY_SUFFIX}", ""),
        value=chosen or None,
        optional=request.GET.get("optional") == "1",
    )
    return render(request, "committees/_picker_results.html", {"r": results})


@login_required
def person_pick(request):
    return _pick(request, "person", permissions.pickable_persons(permissions.roles_for(request.user)))


@staff_required
def post_pick(request):
    return _pick(request, "post", Post.objects.all())


@login_required
def person_detail(request, pk: int):
    roles = permissions.roles_for(request.user)
    person = permissions.person_for_user(roles, pk)
    memberships = list(
        Membership.objects.filter(person=person).select_related("body", "seat__group").order_by("-start")
    )
    holdings = PostHolding.objects.filter(person=person).select_related("post__unit").order_by("-start")
    body_ids = {m.body_id for m in memberships}
    return render(
        request,
        "committees/person_detail.html",
        {
            "person": person,
            "memberships": memberships,
            "holdings": holdings,
            "show_contacts": permissions.can_see_contacts(roles, person, body_ids),
            "can_edit": roles.is_governance_staff,
            "today": timezone.localdate(),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk: int | None = None):
    person = get_object_or_404(Person, pk=pk) if pk else Person()
    form = PersonForm(request.POST or None, instance=person)
    return form_view(
        request,
        form,
        lambda data: services.object_save(actor=request.user, instance=form.save(commit=False)),
        success_url=lambda saved: saved.get_absolute_url(),
        message=_("인물 정보를 저장했습니다."),
        title=_("인물 수정") if pk else _("인물 등록"),
        back=person.get_absolute_url() if pk else None,
    )


# ---- organisation ----------------------------------------------------------------------------------


@staff_required
def org(request):
    return render(request, "committees/org.html", {"units": selectors.org_tree()})


@staff_required
@require_http_methods(["GET", "POST"])
def unit_edit(request, pk: int | None = None):
    unit = get_object_or_404(OrgUnit, pk=pk) if pk else OrgUnit()
    form = OrgUnitForm(request.POST or None, instance=unit)
    return form_view(
        request,
        form,
        lambda data: services.object_save(
            actor=request.user, instance=form.save(commit=False), save_m2m=form.save_m2m
        ),
        success_url=lambda saved: saved.get_absolute_url(),
        message=_("조직을 저장했습니다."),
        title=_("조직 수정") if pk else _("조직 등록"),
    )


@staff_required
def post_detail(request, pk: int):
    post = get_object_or_404(Post.objects.select_related("unit"), pk=pk)
    holdings = post.holdings.select_related("person").order_by("-start")
    seat_groups = post.seat_groups.select_related("body")
    return render(
        request,
        "committees/post_detail.html",
        {"post": post, "holdings": holdings, "seat_groups": seat_groups},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk: int | None = None):
    post = get_object_or_404(Post, pk=pk) if pk else Post()
    form = PostForm(request.POST or None, instance=post)
    return form_view(
        request,
        form,
        lambda data: services.object_save(actor=request.user, instance=form.save(commit=False)),
        success_url=lambda saved: saved.get_absolute_url(),
        message=_("직위를 저장했습니다."),
        title=_("직위 수정") if pk else _("직위 등록"),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def post_move(request, pk: int):
    post = get_object_or_404(Post.objects.select_related("unit"), pk=pk)
    form = PostMoveForm(request.POST or None, initial={"start": timezone.localdate()})
    return form_view(
        request,
        form,
        lambda data: services.post_holder_change(
            actor=request.user, post=post, person=data["person"], start=data["start"], note=data["note"]
        ),
        success_url=post.get_absolute_url(),
        message=lambda holding: (
            _("인사 발령을 기록했습니다. 이 직위의 당연직 좌석이 함께 옮겨졌습니다.")
            + _predates_locked(selectors.locked_meetings_predated_by_move(post, form.cleaned_data["start"]))
        ),
        title=_("인사 발령: %(post)s") % {"post": post},
        back=post.get_absolute_url(),
    )
