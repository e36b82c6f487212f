"""anhai_thidua/core/permissions.py: one check for views and services, one way to show a refused action."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.permissions import (
    domain_errors_as_messages,
    form_error_on_domain_error,
    require,
    require_actor,
)

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().post("/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_require_lets_the_office_in_and_refuses_a_unit_head(office_user, head_a):
    require(_request(office_user), "organisation.import_officials")
    with pytest.raises(PermissionDenied):
        require(_request(head_a), "organisation.import_officials")


def test_a_superuser_is_not_thereby_the_signer(django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.com", "x" * 16)
    assert root.has_perm("awards.sign_decision")  # Django's own check lets a superuser do anything
    with pytest.raises(PermissionDenied):
        require(_request(root), "awards.sign_decision")


def test_require_actor_raises_the_services_message(head_a):
    with pytest.raises(DomainError, match="Chỉ Phòng Văn hóa"):
        require_actor(head_a, "organisation.import_officials", message="Chỉ Phòng Văn hóa - Xã hội.")
    with pytest.raises(DomainError, match="không có quyền"):
        require_actor(None, "organisation.import_officials")


def test_a_domain_error_becomes_a_message_and_a_redirect(office_user):
    @domain_errors_as_messages(lambda request, pk: f"/ho-so/{pk}/")
    def view(request, pk):
        raise DomainError("Hồ sơ đã nộp, không sửa được.")

    request = _request(office_user)
    response = view(request, pk=7)
    assert response.status_code == 302 and response["Location"] == "/ho-so/7/"
    assert [str(m) for m in get_messages(request)] == ["Hồ sơ đã nộp, không sửa được."]


def test_a_url_name_is_resolved_with_the_views_arguments(office_user):
    @domain_errors_as_messages("home")
    def view(request):
        raise DomainError("Không được.")

    assert view(_request(office_user)).status_code == 302


def test_a_form_keeps_the_services_message():
    from django import forms

    class F(forms.Form):
        name = forms.CharField()

    form = F({"name": "Nguyễn Văn A"})
    assert form.is_valid()

    def refuse(name):
        raise DomainError("Trùng tên.")

    assert form_error_on_domain_error(form, refuse, "x") == (None, False)
    assert form.non_field_errors() == ["Trùng tên."] and form.data["name"] == "Nguyễn Văn A"
    assert form_error_on_domain_error(form, str.upper, "a") == ("A", True)
