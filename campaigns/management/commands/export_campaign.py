from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.exporting import campaign_export
from campaigns.models import Campaign


class Command(BaseCommand):
    help = (
        "Xuất mọi văn bản hiện có của một phong trào (Kế hoạch, …) vào <thư mục>/<mã>/, "
        "kèm manifest.json (tên tệp, dung lượng, SHA-256)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Mã rút gọn của phong trào, ví dụ cchc-2025-h2.")
        parser.add_argument("directory", help="Thư mục đích; tạo mới nếu chưa có.")

    def handle(self, *args, slug, directory, **options):
        campaign = Campaign.objects.filter(slug=slug).first()
        if campaign is None:
            known = ", ".join(Campaign.objects.order_by("slug").values_list("slug", flat=True)[:10])
            raise CommandError(
                f"Không có phong trào thi đua nào có mã “{slug}”."
                + (f" Các mã hiện có: {known}." if known else " Chưa có phong trào nào.")
            )
        try:
            result = campaign_export(campaign=campaign, directory=Path(directory))
        except OSError as exc:
            raise CommandError(f"Không ghi được vào thư mục “{directory}”: {exc.strerror or exc}") from exc
        for file in result.files:
            self.stdout.write(f"{file.name}\t{file.size} byte\t{file.sha256}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã xuất {len(result.files)} tệp và {result.manifest_path.name} vào {result.directory}"
            )
        )
