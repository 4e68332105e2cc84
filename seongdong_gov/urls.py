from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import include, path, reverse

from committees.home import home
from seongdong_gov.forms import ThrottledAuthenticationForm


def robots_txt(request):
    """Search engines may index the public site only; the staff site is behind a login anyway."""
    sitemap = request.build_absolute_uri(reverse("public:sitemap"))
    lines = ["User-agent: *", "Allow: /public/", "Disallow: /", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("robots.txt", robots_txt, name="robots"),
    path("public/", include("meetings.public_urls")),
    path("screen/", include("meetings.screen_urls")),
    path("", home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=ThrottledAuthenticationForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("committees.urls")),
    path("meetings/", include("meetings.urls")),
    path("reports/", include("reports.urls")),
    path("appointments/", include("appointments.urls")),
]
