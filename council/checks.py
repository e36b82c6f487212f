"""System check: every closed poll's stored SHA-256 still matches its ballots (`manage.py check`)."""

from django.core import checks
from django.db import DatabaseError


@checks.register(checks.Tags.database)
def check_poll_hashes(app_configs=None, databases=None, **kwargs):
    # Database checks run only when asked (`check --database default`, migrate): they read every closed poll.
    if not databases:
        return []
    from .models import Poll
    from .tally import poll_verify

    errors = []
    try:
        polls = list(Poll.objects.filter(closed_at__isnull=False).only("pk"))
    except DatabaseError:  # tables not created yet
        return []
    for poll in polls:
        if not poll_verify(poll):
            errors.append(
                checks.Error(
                    f"Kết quả biểu quyết #{poll.pk} không khớp mã kiểm tra SHA-256 đã lưu khi kết thúc.",
                    hint="Dữ liệu phiếu đã bị sửa trực tiếp trong cơ sở dữ liệu; chạy manage.py verify_polls.",
                    id="council.E001",
                )
            )
    return errors
