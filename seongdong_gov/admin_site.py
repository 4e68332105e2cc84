"""The admin site: Django's, without the sidebar of every app and model on every page, and without
building that list where nothing shows it (issue 14). Installed as `admin.site` by
`GovAdminConfig` (settings.INSTALLED_APPS)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.functional import SimpleLazyObject


class GovAdminSite(admin.AdminSite):
    # the breadcrumbs lead back to the index, which lists every model
    enable_nav_sidebar = False

    def get_app_list(self, request, app_label=None):
        """Django's list, built when first read: every admin page's context carries it for the sidebar
        (~3 ms of permission checks and reverses a page), which only the index and app pages show."""
        return SimpleLazyObject(lambda: admin.AdminSite.get_app_list(self, request, app_label))


class GovAdminConfig(AdminConfig):
    """django.contrib.admin with the product's site."""

    default_site = "seongdong_gov.admin_site.GovAdminSite"
