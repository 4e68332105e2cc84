"""Admin pages without the sidebar of every model (issue 14: its cost on every list page); the
breadcrumbs lead back to the index, which still lists every model."""

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
