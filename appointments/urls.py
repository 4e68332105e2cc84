from django.urls import path

from appointments import views

app_name = "appointments"

urlpatterns = [
    path("", views.register, name="register"),
    path("issue/", views.certificate_issue, name="issue"),
    path("alerts/", views.alerts, name="alerts"),
    path("certificates/batch.pdf", views.batch_pdf, name="batch_pdf"),
    path("certificates/<int:pk>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/<int:pk>/reissue/", views.certificate_reissue, name="reissue"),
    path("<int:pk>/end/", views.appointment_end, name="end"),
    path("<int:pk>/edit/", views.appointment_edit, name="edit"),
    path("bodies/", views.body_index, name="bodies"),
    path("bodies/<int:body_pk>/", views.body_appointments, name="body"),
    path("bodies/<int:body_pk>/new/", views.appointment_create, name="create"),
    path("memberships/<int:membership_pk>/record/", views.appointment_record, name="record"),
]
