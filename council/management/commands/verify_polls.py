from django.core.management.base import BaseCommand, CommandError

from council.models import Poll
from council.tally import record_verification


class Command(BaseCommand):
    help = (
        "Tính lại mã SHA-256 của mọi cuộc biểu quyết đã kết thúc, so với mã đã lưu khi kết thúc và ghi kết quả "
        "để trang cuộc họp hiển thị."
    )

    def handle(self, *args, **options):
        bad = []
        polls = list(Poll.objects.filter(closed_at__isnull=False).select_related("meeting").order_by("pk"))
        for poll in polls:
            ok = record_verification(poll)
            if not ok:
                bad.append(poll)
            self.stdout.write(f"#{poll.pk} {poll}: {'khớp' if ok else 'KHÔNG KHỚP'}")
        if bad:
            raise CommandError(
                f"{len(bad)}/{len(polls)} cuộc biểu quyết không khớp mã kiểm tra: "
                + ", ".join(f"#{p.pk}" for p in bad)
            )
        self.stdout.write(
            self.style.SUCCESS(f"{len(polls)} cuộc biểu quyết đã kết thúc đều khớp mã kiểm tra.")
        )
