from django.urls import path

from appointments import views

app_name = "appointments"

urlpatterns = [
    path("", views.register, name="register"),
    path("issue/", views.certificate_issue, name="issue"),
    path("certificates/batch.pdf", views.batch_pdf, name="batch_pdf"),
    path("certificates/<int:pk>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/<int:pk>/reissue/", views.certificate_reissue, name="reissue"),
    path("<int:pk>/end/", views.appointment_end, name="end"),
]
