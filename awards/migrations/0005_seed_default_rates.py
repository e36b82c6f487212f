"""Default rows of the dated money figures (domain.md §5); the office edits them in the browser afterwards.

Base salary: 1,800,000 đ from 01/07/2023 (NĐ 24/2023/NĐ-CP), 2,340,000 đ from 01/07/2024 (NĐ 73/2024/NĐ-CP).
Giấy khen of the ward chairman from 01/07/2025 (NĐ 152/2025/NĐ-CP): individual 0.3, collective 0.6 (twice the
individual), household 0.45 (1.5 × the individual) — domain.md marks the last two "verify"."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

BASE_SALARIES = [
    (dt.date(2023, 7, 1), 1_800_000, "Nghị định số 24/2023/NĐ-CP"),
    (dt.date(2024, 7, 1), 2_340_000, "Nghị định số 73/2024/NĐ-CP"),
]
ND152 = "Nghị định số 152/2025/NĐ-CP"
COEFFICIENTS = [
    (dt.date(2025, 7, 1), "giay_khen", "individual", Decimal("0.3"), ND152),
    (dt.date(2025, 7, 1), "giay_khen", "collective", Decimal("0.6"), ND152),
    (dt.date(2025, 7, 1), "giay_khen", "household", Decimal("0.45"), ND152),
]


def seed(apps, schema_editor):
    BaseSalary = apps.get_model("awards", "BaseSalary")
    AwardCoefficient = apps.get_model("awards", "AwardCoefficient")
    for valid_from, amount, decree in BASE_SALARIES:
        BaseSalary.objects.get_or_create(valid_from=valid_from, defaults={"amount": amount, "decree": decree})
    for valid_from, award_kind, subject, value, decree in COEFFICIENTS:
        AwardCoefficient.objects.get_or_create(
            valid_from=valid_from,
            award_kind=award_kind,
            subject=subject,
            defaults={"value": value, "decree": decree},
        )


class Migration(migrations.Migration):
    dependencies = [("awards", "0004_dated_rates_and_office_submission")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
