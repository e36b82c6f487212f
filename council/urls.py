from django.urls import path

from . import views

app_name = "council"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("lap/", views.meeting_create_view, name="create"),
    path("<int:pk>/", views.meeting_detail_view, name="detail"),
    path("<int:pk>/thanh-phan/", views.attendance_view, name="attendance"),
    path("<int:pk>/mo-bieu-quyet/", views.meeting_open_view, name="open"),
    path("<int:pk>/ket-thuc/", views.poll_close_view, name="close"),
    path("<int:pk>/bo-phieu/", views.ballot_view, name="ballot"),
    path("<int:pk>/ban-kiem-phieu/", views.committee_view, name="committee"),
    path("<int:pk>/bo-phieu-giay/", views.paper_voters_view, name="paper_voters"),
    path("<int:pk>/kiem-phieu-giay/<int:poll_pk>/", views.paper_tally_view, name="paper_tally"),
    path("<int:pk>/gio-ket-thuc/", views.end_time_view, name="end_time"),
    path("<int:pk>/bien-ban-kiem-phieu.pdf", views.vote_count_pdf_view, name="vote_count_pdf"),
    path("<int:pk>/chu-tich-chon/", views.tie_break_view, name="tie_break"),
    path("<int:pk>/bang-phieu/", views.tie_list_view, name="ties"),
    path("<int:pk>/bien-ban.pdf", views.minutes_pdf_view, name="minutes_pdf"),
    path("<int:pk>/kiem-phieu.xlsx", views.tally_xlsx_view, name="tally_xlsx"),
]
