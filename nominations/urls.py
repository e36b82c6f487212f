from django.urls import path

from . import views

app_name = "nominations"

urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("lap/", views.dossier_create_view, name="create"),
    path("<int:pk>/", views.dossier_detail_view, name="detail"),
    path("<int:pk>/thao-tac/<slug:action>/", views.dossier_transition_view, name="transition"),
    path("<int:pk>/huy/", views.dossier_discard_view, name="discard"),
    path("<int:pk>/de-nghi/them/<slug:kind>/", views.nominee_add, name="nominee_add"),
    path("<int:pk>/de-nghi/<int:nominee_pk>/sua/", views.nominee_edit, name="nominee_edit"),
    path("<int:pk>/de-nghi/<int:nominee_pk>/bo/", views.nominee_remove, name="nominee_remove"),
    path("<int:pk>/de-nghi/<int:nominee_pk>/bao-cao/", views.report_edit, name="report"),
    path("<int:pk>/de-nghi/<int:nominee_pk>/bao-cao/xac-nhan/", views.report_confirm, name="report_confirm"),
    path("<int:pk>/de-nghi/<int:nominee_pk>/bao-cao.pdf", views.report_pdf, name="report_pdf"),
    path("<int:pk>/bien-ban/", views.minutes_edit, name="minutes"),
    path("<int:pk>/bien-ban.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("<int:pk>/to-trinh.pdf", views.cover_letter_pdf, name="cover_letter_pdf"),
    path("<int:pk>/to-trinh/", views.letter_edit, name="letter"),
    path("<int:pk>/tai-lieu/them/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/tai-lieu/<int:attachment_pk>/", views.attachment_download, name="attachment_download"),
    path("<int:pk>/tai-lieu/<int:attachment_pk>/xoa/", views.attachment_remove, name="attachment_remove"),
    path("gia-han/<slug:slug>/", views.extension_list, name="extensions"),
]
