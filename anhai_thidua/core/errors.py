"""The app's own error pages, rendered without the database, the session or the user: they must work
when those are what failed. Nothing of the exception reaches the page (it goes to the log)."""

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger("anhai_thidua.errors")


def error_page(status: int, title: str, message: str, **headers) -> HttpResponse:
    html = render_to_string("errors/_page.html", {"title": title, "message": message})
    response = HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, *args, **kwargs) -> HttpResponse:
    """handler500: a plain Vietnamese page (no traceback, whatever DEBUG says about the default one)."""
    return error_page(
        500,
        _("Đã có lỗi trong hệ thống"),
        _(
            "Yêu cầu chưa thực hiện được do lỗi của hệ thống, không phải do thao tác của bạn. "
            "Hãy thử lại sau ít phút; nếu vẫn lỗi, hãy báo cho quản trị viên."
        ),
    )


def database_unavailable() -> HttpResponse:
    return error_page(
        503,
        _("Hệ thống tạm thời gián đoạn"),
        _("Cơ sở dữ liệu đang tạm thời không trả lời. Dữ liệu đã lưu không bị mất; hãy thử lại sau ít giây."),
        Retry_After="10",
    )


def request_too_large(limit_text: str) -> HttpResponse:
    return error_page(
        413,
        _("Dữ liệu gửi lên quá lớn"),
        _(
            "Nội dung gửi lên vượt quá %(limit)s cho một lần gửi. Hãy quay lại, chọn tệp nhỏ hơn "
            "(hoặc nén, chia nhỏ tệp) rồi gửi lại."
        )
        % {"limit": limit_text},
    )
