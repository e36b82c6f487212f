from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("tao-moi/", views.campaign_create_view, name="create"),
    path("<slug:slug>/", views.campaign_detail, name="detail"),
    path("<slug:slug>/ke-hoach.pdf", views.campaign_plan_pdf, name="plan_pdf"),
    path("<slug:slug>/phat-dong/", views.campaign_launch_view, name="launch"),
    path("<slug:slug>/ket-thuc/", views.campaign_close_view, name="close"),
    path("<slug:slug>/sua/", views.campaign_edit, name="edit"),
    path("<slug:slug>/sua/<slug:section>/", views.campaign_edit, name="edit"),
    path("<slug:slug>/sao-chep/", views.campaign_copy_view, name="copy"),
]
