from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:unit_id>/<slug:field_code>/<int:year>-<int:month>/", views.report_edit, name="edit"),
    path("r/<int:pk>/", views.report_detail, name="detail"),
    path("r/<int:pk>/review/", views.report_review, name="review"),
    path("attachment/<int:pk>/", views.attachment_download, name="attachment"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("unit/<int:unit_id>/", views.unit_history, name="unit_history"),
    path("consolidated/", views.consolidated, name="consolidated"),
    path("fields/", views.field_list, name="field_list"),
    path("fields/<slug:code>/", views.field_edit, name="field_edit"),
    path("fields/<slug:code>/indicators/new/", views.indicator_edit, name="indicator_new"),
    path("fields/<slug:code>/indicators/<int:pk>/", views.indicator_edit, name="indicator_edit"),
    path("consolidated/attach/", views.consolidated_attach, name="consolidated_attach"),
    path("consolidated/pdf/", views.consolidated_pdf, name="consolidated_pdf"),
    path("consolidated/hwpx/", views.consolidated_hwpx, name="consolidated_hwpx"),
    path("consolidated/xlsx/", views.consolidated_xlsx, name="consolidated_xlsx"),
]
