"""The public disclosure site, mounted at /public/ by the root URLconf (namespace `public`)."""

from django.urls import path

from meetings.views import public

app_name = "public"

urlpatterns = [
    path("", public.index, name="index"),
    path("bodies/<int:pk>/", public.body_detail, name="body"),
    path("bodies/<int:pk>/<int:year>/", public.body_year, name="body_year"),
    path("meetings/", public.meeting_calendar, name="calendar"),
    path("meetings/<int:pk>/", public.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/minutes/", public.minutes, name="minutes"),
    path("meetings/<int:pk>/minutes.pdf", public.minutes_pdf, name="minutes_pdf"),
    path("attachments/<int:pk>/", public.attachment, name="attachment"),
    path("sitemap.xml", public.sitemap, name="sitemap"),
]
