from django.urls import path

from meetings.views import (
    agenda,
    allowances,
    attendance,
    calendar,
    convening,
    documents,
    elections,
    feeds,
    interests,
    meeting,
    minutes,
    portal,
    series,
    voting,
    written,
)

app_name = "meetings"

urlpatterns = [
    path("", meeting.meeting_list, name="list"),
    path("new/", meeting.meeting_create, name="create"),
    path("mine/", portal.portal, name="portal"),
    path("mine/feed/renew/", feeds.feed_renew, name="feed_renew"),
    path("feed/<str:token>.ics", feeds.feed, name="feed"),
    path("convening/", convening.convening_list, name="convening"),
    path("convening/<int:pk>/sign/", convening.convening_sign, name="convening_sign"),
    path("series/", series.series_list, name="series_list"),
    path("series/new/", series.series_create, name="series_create"),
    path("series/<int:pk>/", series.series_detail, name="series_detail"),
    path("series/<int:pk>/edit/", series.series_edit, name="series_edit"),
    path("series/<int:pk>/generate/", series.series_generate, name="series_generate"),
    path("calendar/", calendar.calendar_view, name="calendar"),
    path("calendar/<int:pk>/delete/", calendar.calendar_exception_delete, name="calendar_delete"),
    path("<int:pk>/", meeting.meeting_detail, name="detail"),
    path("<int:pk>/move/", meeting.meeting_reschedule, name="reschedule"),
    path("<int:pk>/cancel/", meeting.meeting_cancel, name="cancel"),
    path("<int:pk>/observers/new/", meeting.observer_add, name="observer_add"),
    path("<int:pk>/recusals/new/", agenda.recusal_add, name="recusal_add"),
    path("<int:pk>/interests/", interests.interests_manage, name="interests"),
    path("<int:pk>/interests/mine/", interests.interests_mine, name="interests_mine"),
    path(
        "<int:pk>/interests/items/<int:item_pk>/declare/", interests.interest_declare, name="interest_declare"
    ),
    path(
        "<int:pk>/interests/items/<int:item_pk>/challenge/", interests.challenge_file, name="challenge_file"
    ),
    path(
        "<int:pk>/interests/declarations/<int:declaration_pk>/recuse/",
        interests.interest_recuse,
        name="interest_recuse",
    ),
    path(
        "<int:pk>/interests/challenges/<int:challenge_pk>/decide/",
        interests.challenge_decide,
        name="challenge_decide",
    ),
    path("<int:pk>/meeting.ics", feeds.meeting_ics, name="ics"),
    path("<int:pk>/status/<str:action>/", meeting.meeting_status, name="status"),
    path("<int:pk>/items/new/", agenda.agenda_item_create, name="item_create"),
    path("<int:pk>/items/<int:item_pk>/edit/", agenda.agenda_item_edit, name="item_edit"),
    path("<int:pk>/attachments/new/", agenda.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/", agenda.attachment_download, name="attachment"),
    path("<int:pk>/attendance/", attendance.attendance_edit, name="attendance"),
    path(
        "<int:pk>/attendance/all-present/", attendance.attendance_all_present, name="attendance_all_present"
    ),
    path("<int:pk>/signin-sheet/", attendance.signin_sheet, name="signin_sheet"),
    path("<int:pk>/votes/new/", voting.vote_create, name="vote"),
    path("<int:pk>/votes/named/", voting.vote_named, name="vote_named"),
    path("<int:pk>/elections/", elections.election_record, name="election"),
    path("<int:pk>/written/new/", written.written_open, name="written_open"),
    path("written/<int:pk>/", written.written_answer, name="written_answer"),
    path("written/<int:pk>/count/", written.written_count, name="written_count"),
    path("<int:pk>/documents/<slug:kind>.<slug:fmt>", documents.meeting_document, name="document"),
    path("allowances/annual/", allowances.annual_totals, name="allowances_annual"),
    path("<int:pk>/allowances/", allowances.payment_list_view, name="allowances"),
    path("<int:pk>/allowances/prepare/", allowances.payment_list_prepare, name="allowances_prepare"),
    path("<int:pk>/allowances/confirm/", allowances.payment_list_confirm, name="allowances_confirm"),
    path("<int:pk>/allowances/export.<str:fmt>", allowances.payment_list_export, name="allowances_export"),
    path("<int:pk>/minutes/", minutes.minutes_view, name="minutes"),
    path("<int:pk>/minutes/edit/", minutes.minutes_edit, name="minutes_edit"),
    path("<int:pk>/minutes/correct/", minutes.minutes_correct, name="minutes_correct"),
    path("<int:pk>/minutes/<str:action>/", minutes.minutes_status, name="minutes_status"),
]
