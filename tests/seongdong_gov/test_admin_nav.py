"""The admin site (seongdong_gov.admin_site): no sidebar of every model (issue 14: its cost on every list
page), and the list of apps and models built only where a page shows it (the index, an app's page)."""

from django.contrib import admin
from django.urls import reverse

from tests import factories


def test_admin_list_has_breadcrumbs_but_no_model_sidebar(client, db):
    client.force_login(factories.admin_user("root"))
    page = client.get(reverse("admin:committees_membership_changelist")).content.decode()
    assert 'id="nav-sidebar"' not in page
    assert 'class="breadcrumbs"' in page and f'href="{reverse("admin:index")}"' in page
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:committees_membership_changelist") in index
    assert reverse("admin:appointments_certificate_changelist") in index


def test_the_app_list_is_built_only_where_it_is_shown(client, db, monkeypatch):
    built = []
    real = admin.AdminSite.get_app_list

    def counting(site, request, app_label=None):
        built.append(app_label)
        return real(site, request, app_label)

    monkeypatch.setattr(admin.AdminSite, "get_app_list", counting)
    client.force_login(factories.admin_user("root"))
    assert client.get(reverse("admin:meetings_meeting_changelist")).status_code == 200
    assert built == []
    app_page = client.get(reverse("admin:app_list", args=["committees"])).content.decode()
    assert reverse("admin:committees_membership_changelist") in app_page
    assert reverse("admin:meetings_meeting_changelist") not in app_page
    assert built == ["committees"]
    assert client.get("/admin/nosuchapp/").status_code == 404
