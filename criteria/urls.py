from django.urls import path

from . import views

app_name = "criteria"

urlpatterns = [
    path("cong-khai/", views.public, name="public"),
    path("ket-qua/<int:pk>/tham-dinh/", views.review, name="review"),
    path("ket-qua/<int:pk>/minh-chung/", views.evidence_upload, name="evidence_upload"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence"),
    path("minh-chung/<int:pk>/xoa/", views.evidence_delete, name="evidence_delete"),
    path("thong-bao/<int:pk>/go/", views.announcement_delete, name="announcement_delete"),
    path("xuat/<int:pk>/", views.export_job, name="export_job"),
    path("xuat/<int:pk>/tai-xuong/", views.export_download, name="export_download"),
    path("<slug:slug>/", views.dashboard, name="dashboard"),
    path("<slug:slug>/dang-ky/", views.registrations, name="registrations"),
    path("<slug:slug>/ky-bao-cao/", views.periods, name="periods"),
    path("<slug:slug>/ky-bao-cao/<int:pk>/", views.period_edit, name="period_edit"),
    path("<slug:slug>/don-vi/<slug:unit>/", views.unit_page, name="unit"),
    path("<slug:slug>/don-vi/<slug:unit>/dang-ky/", views.register, name="register"),
    path("<slug:slug>/don-vi/<slug:unit>/ky/<int:period>/", views.report, name="report"),
    path("<slug:slug>/bao-cao-tong-ket.pdf", views.summary_pdf, name="summary_pdf"),
    path("<slug:slug>/xuat/ket-qua-tieu-chi.xlsx", views.export_criteria, name="export_criteria"),
    path("<slug:slug>/xuat/ho-so.xlsx", views.export_dossiers, name="export_dossiers"),
    path("<slug:slug>/thong-bao/", views.announcements, name="announcements"),
    path("<slug:slug>/xuat/", views.export_start, name="export_start"),
]
