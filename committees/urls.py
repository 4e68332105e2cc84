from django.urls import path

from committees import views, views_notifications

app_name = "committees"

urlpatterns = [
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/chart/", views.body_chart, name="body_chart"),
    path("bodies/new/", views.body_edit, name="body_create"),
    path("bodies/<int:pk>/", views.body_detail, name="body_detail"),
    path("bodies/<int:pk>/roster.<slug:fmt>", views.body_roster, name="body_roster"),
    path("bodies/<int:pk>/edit/", views.body_edit, name="body_edit"),
    path("bodies/<int:body_pk>/seat-groups/new/", views.seat_group_edit, name="seat_group_create"),
    path("bodies/<int:body_pk>/seat-groups/<int:pk>/edit/", views.seat_group_edit, name="seat_group_edit"),
    path("memberships/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_edit, name="person_create"),
    path("people/pick/", views.person_pick, name="person_pick"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("org/", views.org, name="org"),
    path("org/units/new/", views.unit_edit, name="unit_create"),
    path("org/units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("org/posts/new/", views.post_edit, name="post_create"),
    path("org/posts/pick/", views.post_pick, name="post_pick"),
    path("org/posts/<int:pk>/", views.post_detail, name="post_detail"),
    path("org/posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("org/posts/<int:pk>/move/", views.post_move, name="post_move"),
    path("notifications/", views_notifications.notification_list, name="notifications"),
    path("notifications/settings/", views_notifications.notification_settings, name="notification_settings"),
    path("outbox/", views_notifications.outbox, name="outbox"),
    path("outbox/<int:pk>/resend/", views_notifications.outbox_resend, name="outbox_resend"),
]
