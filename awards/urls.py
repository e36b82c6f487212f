from django.urls import path

from . import views
from .signing import views as signing_views

app_name = "awards"

urlpatterns = [
    path("cong-khai/", views.public, name="public"),
    path("cong-khai/<int:pk>/", views.public_decision, name="public_decision"),
    path("muc-tien-thuong/", views.rates, name="rates"),
    path("muc-tien-thuong/luong-co-so/them/", views.base_salary_edit, name="base_salary_add"),
    path("muc-tien-thuong/luong-co-so/<int:pk>/", views.base_salary_edit, name="base_salary_edit"),
    path("muc-tien-thuong/he-so/them/", views.coefficient_edit, name="coefficient_add"),
    path("muc-tien-thuong/he-so/<int:pk>/", views.coefficient_edit, name="coefficient_edit"),
    path(
        "quyet-dinh/<int:pk>/danh-sach-chi-tien-thuong.pdf", views.payment_list_pdf, name="payment_list_pdf"
    ),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision"),
    path("quyet-dinh/<int:pk>/sua/", views.decision_edit, name="edit"),
    path("quyet-dinh/<int:pk>/ban-hanh/", views.decision_issue, name="issue"),
    path("quyet-dinh/<int:pk>/quyet-dinh.pdf", views.decision_pdf, name="decision_pdf"),
    path("quyet-dinh/<int:pk>/giay-khen/", views.certificates_start, name="certificates"),
    path("giay-khen/<int:pk>/", views.certificate_job, name="certificate_job"),
    path("giay-khen/<int:pk>/tai-xuong/", views.certificate_download, name="certificate_download"),
    # Digitally signed decisions (awards/signing).
    path("quyet-dinh/<int:pk>/ky-so/", signing_views.signing, name="signing"),
    path("quyet-dinh/<int:pk>/ky-so/ban-de-ky.pdf", signing_views.issued_pdf, name="signing_pdf"),
    path("quyet-dinh/<int:pk>/ky-so/co-quan/", signing_views.agency_retry, name="signing_agency"),
    path("quyet-dinh/<int:pk>/ban-da-ky.pdf", signing_views.signed_pdf, name="signed_pdf"),
    path("quyet-dinh/<int:pk>/xac-thuc-chu-ky.json", signing_views.signed_report, name="signed_report"),
    path("<slug:slug>/", views.campaign_awards, name="campaign"),
    path("<slug:slug>/lap-du-thao/", views.decision_draft, name="draft"),
    path("<slug:slug>/to-trinh/", views.submission_create, name="submission"),
    path("<slug:slug>/to-trinh-vhxh.pdf", views.submission_pdf, name="submission_pdf"),
    path("<slug:slug>/to-trinh-bang-khen.pdf", views.proposal_pdf, name="proposal_pdf"),
    path("<slug:slug>/ho-so-bang-khen.zip", views.proposal_archive, name="proposal_archive"),
    path("<slug:slug>/so-khen-thuong.xlsx", views.register_xlsx, name="register_xlsx"),
]
