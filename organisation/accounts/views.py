from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from anhai_thidua.core.redirects import safe_next_url

from . import services, steps
from .forms import TokenForm
from .steps import otp_required_for


@login_required
def account(request):
    """The user's own account: who they are, their roles, password and two-factor sign-in."""
    user = request.user
    return render(
        request,
        "organisation/accounts/account.html",
        {
            "roles": user.role_assignments.select_related("unit"),
            "otp_enrolled": user_has_device(user, confirmed=True),
            "otp_required": otp_required_for(user),
        },
    )


@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.account_password_change(request=request, form=form)
        messages.success(request, _("Đã đổi mật khẩu."))
        return redirect(safe_next_url(request, reverse("accounts:account")))
    return render(
        request,
        "organisation/accounts/password_change.html",
        {"form": form, "forced": request.user.must_change_password, "next": request.GET.get("next", "")},
    )


@login_required
def otp_enrol(request):
    """Enrol an authenticator app: scan the QR code, then confirm with the code it shows."""
    if user_has_device(request.user, confirmed=True):  # enrolled meanwhile (another tab, another session)
        if request.user.is_verified():
            steps.step_done(request)
        else:
            request.session[steps.SESSION_KEY] = steps.VERIFY
        messages.info(request, _("Tài khoản đã bật xác thực hai bước."))
        return redirect("accounts:account")
    device = services.totp_device_for_enrolment(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_enrol_confirm(request=request, device=device, token=form.cleaned_data["token"]):
            messages.success(
                request, _("Đã bật xác thực hai bước. Lần đăng nhập sau, hệ thống sẽ hỏi mã xác thực.")
            )
            return redirect(safe_next_url(request, reverse("accounts:account")))
        form.add_error(
            "token", _("Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện trong ứng dụng.")
        )
    return render(
        request,
        "organisation/accounts/otp_enrol.html",
        {
            "form": form,
            "qr_svg": services.totp_qr_svg(device),
            "secret": services.totp_secret_text(device),
            "required": otp_required_for(request.user),
            "next": request.GET.get("next", ""),
        },
    )


@login_required
def verify(request):
    """The second step of the sign-in: the code from the user's authenticator app."""
    if request.user.is_verified() or not user_has_device(request.user, confirmed=True):
        # nothing to verify (the device was removed by an administrator): the step is over
        request.session[steps.SESSION_KEY] = (
            steps.step_at_sign_in(request.user) if not request.user.is_verified() else ""
        )
        return redirect(safe_next_url(request, reverse("home")))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.otp_verify(request=request, token=form.cleaned_data["token"]):
            return redirect(safe_next_url(request, reverse("home")))
        form.add_error("token", _("Mã xác thực không đúng hoặc đã hết hạn. Vui lòng thử lại."))
    return render(
        request, "organisation/accounts/verify.html", {"form": form, "next": request.GET.get("next", "")}
    )


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in: the Vietnamese page in the site layout, status 429."""
    from axes.helpers import get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    return render(
        request,
        "registration/lockout.html",
        {
            "failure_limit": get_failure_limit(request, credentials),
            "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
        },
        status=429,
    )
