"""The default dated money figures (domain.md §5), written once by migration 0005 and again by the demo seed
(a flushed test database or a wiped demo has none); the office edits them in the browser afterwards.

Base salary: 1,800,000 đ from 01/07/2023 (NĐ 24/2023/NĐ-CP), 2,340,000 đ from 01/07/2024 (NĐ 73/2024/NĐ-CP).
Giấy khen of the ward chairman from 01/07/2025 (NĐ 152/2025/NĐ-CP): individual 0.3, collective 0.6 (twice the
individual), household 0.45 (1.5 × the individual) — domain.md marks the last two "verify"."""

import datetime as dt
from decimal import Decimal

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


def ensure_default_rates(base_salary_model, coefficient_model) -> int:
    """Write the default rows that are missing (never overwrite the office's); returns how many were added.
    Takes the model classes so that the migration can pass its historical models."""
    added = 0
    for valid_from, amount, decree in BASE_SALARIES:
        added += base_salary_model.objects.get_or_create(
            valid_from=valid_from, defaults={"amount": amount, "decree": decree}
        )[1]
    for valid_from, award_kind, subject, value, decree in COEFFICIENTS:
        added += coefficient_model.objects.get_or_create(
            valid_from=valid_from,
            award_kind=award_kind,
            subject=subject,
            defaults={"value": value, "decree": decree},
        )[1]
    return added
