from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("<slug:slug>/", views.campaign_detail, name="detail"),
    path("<slug:slug>/ke-hoach.pdf", views.campaign_plan_pdf, name="plan_pdf"),
    path("<slug:slug>/phat-dong/", views.campaign_launch_view, name="launch"),
    path("<slug:slug>/ket-thuc/", views.campaign_close_view, name="close"),
]
