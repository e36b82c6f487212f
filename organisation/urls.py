from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("don-vi/<slug:code>/ky-hieu/", views.unit_document_code, name="unit_document_code"),
    path("nhap-excel/", views.import_upload, name="import"),
    path("nhap-excel/tep-mau.xlsx", views.import_template, name="import_template"),
    path("nhap-excel/<uuid:token>/", views.import_preview, name="import_preview"),
    path("nhap-excel/<uuid:token>/xac-nhan/", views.import_confirm, name="import_confirm"),
    path("nhap-excel/<uuid:token>/huy/", views.import_discard, name="import_discard"),
]
