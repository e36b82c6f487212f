from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("xac-thuc-hai-buoc/", views.otp_enrol, name="otp_enrol"),
    path("ma-xac-thuc/", views.verify, name="verify"),
]
