from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from awards.seeding import awards_seed_decided, awards_seed_rates
from campaigns.services import campaign_seed_anhai
from campaigns.timeline import STAGES, demo_timeline
from council.seeding import council_seed_vote
from criteria.seeding import criteria_seed_demo
from nominations.seeding import nominations_seed_submitted
from organisation import seed_data
from organisation.seeding import DemoDisabled, demo_guard, organisation_seed
from reviews.seeding import reviews_seed_accepted


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu phường An Hải: đơn vị, cán bộ, Hội đồng, tài khoản và Kế hoạch thi đua CCHC 2025."

    STAGES = list(STAGES)

    def add_arguments(self, parser):
        parser.add_argument(
            "--through",
            choices=self.STAGES,
            default="plan",
            help="Chạy tiếp quy trình mẫu đến giai đoạn này (mặc định: chỉ nạp kế hoạch; submitted: các đơn vị lập và nộp hồ sơ; "
            "accepted: Phòng VH-XH thẩm định, trả một hồ sơ để bổ sung rồi tiếp nhận tất cả; "
            "voted: Hội đồng TĐKT phường họp, bỏ phiếu kín và kết thúc biểu quyết; "
            "decided: Phòng VH-XH lập dự thảo, Chủ tịch ký ban hành Quyết định khen thưởng).",
        )

    def handle(self, *args, **options):
        try:
            demo_guard()
        except DemoDisabled as exc:
            raise CommandError(str(exc)) from exc
        counts = organisation_seed()
        awards_seed_rates()  # the money rows the office's tờ trình and the decision read
        today = timezone.localdate()
        # One calendar for every stage: past events before today, open deadlines ahead, working days only.
        timeline = demo_timeline(today, options["through"])
        campaign, created = campaign_seed_anhai(today=today, timeline=timeline)
        criteria_seed_demo(
            campaign, today=today, timeline=timeline
        )  # registrations and one period of results
        if self.STAGES.index(options["through"]) >= self.STAGES.index("submitted"):
            dossiers = nominations_seed_submitted(campaign, today=today, timeline=timeline)
            self.stdout.write(
                f"Hồ sơ đề nghị khen thưởng: đã lập {dossiers['created']}, đã nộp {dossiers['submitted']}."
            )
        if self.STAGES.index(options["through"]) >= self.STAGES.index("accepted"):
            reviewed = reviews_seed_accepted(campaign, today=today, timeline=timeline)
            self.stdout.write(
                f"Thẩm định: yêu cầu bổ sung {reviewed['returned']} hồ sơ, tiếp nhận {reviewed['accepted']} hồ sơ."
            )
        if self.STAGES.index(options["through"]) >= self.STAGES.index("voted"):
            meeting = council_seed_vote(campaign, today=today, timeline=timeline)
            self.stdout.write(
                f"Hội đồng TĐKT: họp và kết thúc biểu quyết (cuộc họp #{meeting.pk})."
                if meeting
                else "Hội đồng TĐKT: chưa có tập thể, cá nhân được tiếp nhận để biểu quyết."
            )
        if self.STAGES.index(options["through"]) >= self.STAGES.index("decided"):
            decided = awards_seed_decided(campaign, today=today, timeline=timeline)
            decision = decided["decision"]
            self.stdout.write(
                f"Quyết định khen thưởng số {decision.reference}: {decided['awards']} Giấy khen, "
                f"{decided['proposed']} đề nghị tặng Bằng khen."
                if decision is not None and decision.is_issued
                else "Quyết định khen thưởng: chưa lập được (chưa có kết quả biểu quyết)."
            )
        self.stdout.write(
            f"Đơn vị: {counts['units']}, cán bộ: {counts['officials']}, tài khoản: {counts['accounts']}."
        )
        self.stdout.write(
            ("Đã nạp" if created else "Đã có sẵn") + f" kế hoạch “{campaign.title}” ({campaign.slug})."
        )
        self.stdout.write(f"Mật khẩu các tài khoản mẫu: {seed_data.DEMO_PASSWORD}")
