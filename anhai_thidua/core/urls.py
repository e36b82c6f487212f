from django.urls import path

from . import job_views

app_name = "core"

urlpatterns = [
    path("<int:pk>/", job_views.file_job, name="file_job"),
    path("<int:pk>/tai-xuong/", job_views.file_job_download, name="file_job_download"),
]
