from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from anhai_site import views as site_views
from anhai_thidua.core import views as core_views
from awards import views as award_views

admin.site.site_header = "Quản trị Thi đua An Hải"
admin.site.site_title = "Thi đua An Hải"

urlpatterns = [
    path("", site_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/", include("organisation.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("phong-trao/", include("campaigns.urls")),
    path("to-chuc/", include("organisation.urls")),
    path("ho-so/", include("nominations.urls")),
    path("thong-bao/", include("notifications.urls")),
    path("tham-dinh/", include("reviews.urls")),
    path("tieu-chi/", include("criteria.urls")),
    path("khen-thuong/", include("awards.urls")),
    path("xac-minh/", award_views.verify_lookup, name="award_verify_lookup"),
    path("xac-minh/<str:token>/", award_views.verify, name="award_verify"),
    path("hoi-dong/", include("council.urls")),
    path("tep/", include("anhai_thidua.core.urls")),
    path("quan-tri/", admin.site.urls),
]

# The app's own error pages (anhai_thidua/core/errors.py), in the site's layout and language.
handler400 = "anhai_thidua.core.errors.bad_request"
handler403 = "anhai_thidua.core.errors.permission_denied"
handler404 = "anhai_thidua.core.errors.page_not_found"
handler500 = "anhai_thidua.core.errors.server_error"
