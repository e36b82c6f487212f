from django.db import models
from django.utils.translation import gettext_lazy as _


class SignatureKind(models.TextChoices):
    """How the issued decision was signed: a digitally signed PDF, or the paper copy signed, stamped, scanned."""

    DIGITAL = "digital", _("Bản điện tử đã ký số")
    SCAN = "scan", _("Bản giấy đã ký, đóng dấu (bản quét)")


class AgencyStatus(models.TextChoices):
    """The agency's signature (the seal) added by the app to the accepted signed decision."""

    NONE = "none", _("Không ký số cơ quan")
    QUEUED = "queued", _("Đang chờ ký số cơ quan")
    RUNNING = "running", _("Đang ký số cơ quan")
    DONE = "done", _("Đã ký số cơ quan")
    FAILED = "failed", _("Ký số cơ quan bị lỗi")


# The signature fields' names in the PDF (ASCII: some signing tools mangle other names).
SIGNER_FIELD = "ChuKyNguoiKy"
AGENCY_FIELD = "ChuKyCoQuan"
