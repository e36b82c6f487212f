from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("nhap-excel/", views.import_upload, name="import"),
]
