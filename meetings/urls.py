from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("mine/", views.portal, name="portal"),
    path("mine/feed/renew/", views.feed_renew, name="feed_renew"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("convening/", views.convening_list, name="convening"),
    path("convening/<int:pk>/sign/", views.convening_sign, name="convening_sign"),
    path("series/", views.series_list, name="series_list"),
    path("series/new/", views.series_create, name="series_create"),
    path("series/<int:pk>/", views.series_detail, name="series_detail"),
    path("series/<int:pk>/edit/", views.series_edit, name="series_edit"),
    path("series/<int:pk>/generate/", views.series_generate, name="series_generate"),
    path("calendar/", views.calendar_view, name="calendar"),
    path("calendar/<int:pk>/delete/", views.calendar_exception_delete, name="calendar_delete"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/move/", views.meeting_reschedule, name="reschedule"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("<int:pk>/observers/new/", views.observer_add, name="observer_add"),
    path("<int:pk>/recusals/new/", views.recusal_add, name="recusal_add"),
    path("<int:pk>/meeting.ics", views.meeting_ics, name="ics"),
    path("<int:pk>/status/<str:action>/", views.meeting_status, name="status"),
    path("<int:pk>/items/new/", views.agenda_item_edit, name="item_create"),
    path("<int:pk>/items/<int:item_pk>/edit/", views.agenda_item_edit, name="item_edit"),
    path("<int:pk>/attachments/new/", views.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/attendance/", views.attendance_edit, name="attendance"),
    path("<int:pk>/votes/new/", views.vote_create, name="vote"),
    path("<int:pk>/votes/named/", views.vote_named, name="vote_named"),
    path("<int:pk>/elections/", views.election_record, name="election"),
    path("<int:pk>/written/new/", views.written_open, name="written_open"),
    path("written/<int:pk>/", views.written_answer, name="written_answer"),
    path("written/<int:pk>/count/", views.written_count, name="written_count"),
    path("<int:pk>/minutes/", views.minutes_view, name="minutes"),
    path("<int:pk>/minutes/edit/", views.minutes_edit, name="minutes_edit"),
    path("<int:pk>/minutes/correct/", views.minutes_correct, name="minutes_correct"),
    path("<int:pk>/minutes/<str:action>/", views.minutes_status, name="minutes_status"),
]
