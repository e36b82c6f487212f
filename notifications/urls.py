from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/mo/", views.notification_open, name="open"),
    path("<int:pk>/da-doc/", views.notification_mark_read, name="mark_read"),
    path("da-doc-tat-ca/", views.notification_mark_all_read, name="mark_all_read"),
    path("hop-thu-di/", views.outbox, name="outbox"),
    path("hop-thu-di/<int:pk>/", views.outbox_detail, name="outbox_detail"),
    path("hop-thu-di/<int:pk>/noi-dung/", views.outbox_body, name="outbox_body"),
    path("hop-thu-di/<int:pk>/gui-lai/", views.outbox_retry, name="outbox_retry"),
    path("nhac-han/", views.reminder_index, name="reminders"),
    path("nhac-han/<slug:slug>/", views.campaign_reminders, name="campaign_reminders"),
    path("nhac-han/<slug:slug>/nhac-ngay/", views.campaign_remind_now, name="campaign_remind_now"),
]
