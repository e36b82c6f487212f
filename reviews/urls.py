from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("", views.inbox_index, name="index"),
    path("ho-so/<int:pk>/", views.review, name="review"),
    path("<slug:slug>/", views.inbox, name="inbox"),
    path("<slug:slug>/nhac-nop/", views.remind_unsubmitted, name="remind_unsubmitted"),
    path("<slug:slug>/da-nhan/", views.mark_received, name="mark_received"),
]
