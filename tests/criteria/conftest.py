"""Fixtures for the criteria tests: a launched campaign with two criteria and three targets."""

from datetime import date
from decimal import Decimal

import pytest

from criteria.models import ReportingPeriod
from tests.factories import CampaignFactory, CriterionFactory, TargetFactory


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """The cast's users get passwords; PBKDF2 would cost most of each test's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def campaign(db):
    return CampaignFactory(
        slug="cchc-thu",
        title="Phát động phong trào thi đua thử nghiệm",
        registration_deadline=date(2025, 8, 15),
        criteria_report_deadline=date(2026, 1, 10),
    )


@pytest.fixture
def criteria(campaign):
    first = CriterionFactory(campaign=campaign, number="1.2", text="Công khai thủ tục hành chính", order=1)
    second = CriterionFactory(campaign=campaign, number="1.3", text="Giải quyết đúng hạn", order=2)
    return [first, second]


@pytest.fixture
def targets(criteria):
    return [
        TargetFactory(
            criterion=criteria[0],
            code="cong-khai",
            label="TTHC được công khai",
            comparator="all",
            threshold=Decimal("100"),
            order=1,
            numerator_label="Số TTHC đã công khai",
            denominator_label="Tổng số TTHC",
        ),
        TargetFactory(
            criterion=criteria[0],
            code="dien-tu",
            label="Hồ sơ luân chuyển điện tử",
            threshold=Decimal("80"),
            order=2,
            numerator_label="Số hồ sơ điện tử",
            denominator_label="Tổng số hồ sơ",
        ),
        TargetFactory(
            criterion=criteria[1],
            code="dung-han",
            label="Hồ sơ giải quyết đúng hạn",
            threshold=Decimal("98"),
            order=1,
            numerator_label="Số hồ sơ đúng hạn",
            denominator_label="Tổng số hồ sơ đã giải quyết",
        ),
    ]


@pytest.fixture
def period(campaign):
    return ReportingPeriod.objects.create(
        campaign=campaign,
        name="Quý IV năm 2025",
        start=date(2025, 10, 1),
        end=date(2025, 12, 31),
        due_date=date(2026, 1, 10),
    )


@pytest.fixture
def build_results(campaign, targets, period, office_user):
    """make(n): n more units, each registered and with validated figures (the first target met, the second
    not met, the third 0 of 0). Returns the units."""
    from django.utils import timezone

    from criteria.enums import ResultStatus
    from criteria.models import Registration, TargetResult
    from tests.factories import UnitFactory

    def make(n, *, status=ResultStatus.VALIDATED):
        units = []
        for _ in range(n):
            unit = UnitFactory()
            Registration.objects.create(campaign=campaign, unit=unit)
            for target, (num, den) in zip(targets, [(10, 10), (7, 10), (0, 0)], strict=True):
                TargetResult.objects.create(
                    period=period,
                    unit=unit,
                    target=target,
                    numerator=num,
                    denominator=den,
                    status=status,
                    validated_by=office_user,
                    validated_at=timezone.now(),
                )
            units.append(unit)
        return units

    return make
