from django.core.management.base import BaseCommand, CommandError

from anhai_thidua.core.audit import audit_verify


class Command(BaseCommand):
    help = "Kiểm tra chuỗi niêm phong của nhật ký thao tác; báo mắt xích hỏng đầu tiên và thoát với mã lỗi khác 0."

    def handle(self, *args, **options):
        count, broken = audit_verify()
        if broken is not None:
            where = f"mục #{broken.entry_id}" if broken.entry_id is not None else "đầu chuỗi"
            raise CommandError(
                f"Nhật ký thao tác KHÔNG toàn vẹn: {where} {broken.reason}. {count} mục trước đó vẫn đúng."
            )
        self.stdout.write(f"Nhật ký thao tác toàn vẹn: {count} mục, chuỗi niêm phong liền mạch.")
