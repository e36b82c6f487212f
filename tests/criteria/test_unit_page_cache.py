"""The unit page's reads come from the cache until the unit's figures, evidence or registration, the
campaign's criteria, targets or periods, or a name it shows change: through a service or a plain save."""

from datetime import date

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from criteria.models import RegistrationCommitment, ReportingPeriod, TargetResult
from criteria.services import (
    evidence_attach,
    evidence_remove,
    registration_submit,
    result_transition,
    results_save,
)
from tests.pagecache import get_counting, without_tokens
from tests.pdf import MINIMAL_PDF

pytestmark = pytest.mark.usefixtures("page_cache")


def _fill(period, unit, actor, targets, values):
    return results_save(
        period=period, unit=unit, actor=actor, values=dict(zip([t.pk for t in targets], values, strict=False))
    )


@pytest.mark.parametrize("periods", [1, 3])
def test_the_unit_page_reads_from_the_cache_at_two_sizes(
    campaign, criteria, targets, period, unit_a, head_a, login, periods
):
    for n in range(1, periods):
        ReportingPeriod.objects.create(
            campaign=campaign,
            name=f"Kỳ thêm {n}",
            start=period.start,
            end=period.end,
            due_date=period.due_date,
        )
    _fill(period, unit_a, head_a, targets, [(12, 12), (80, 100), (49, 50)])
    client = login(head_a)
    url = reverse("criteria:unit", args=[campaign.slug, unit_a.code])
    client.get(url)
    cache.clear()
    missed, body = get_counting(client, url)
    hit, again = get_counting(client, url)
    # the criteria, targets, periods, figures, evidence and registration: read on a miss only
    assert hit == missed - 6
    assert hit == 6  # session, user, campaign, unit, roles, unread notices: whatever the number of periods
    assert without_tokens(again) == without_tokens(body)
    assert body.count("Chưa nhập số liệu") == 3 * (periods - 1)


def test_figures_evidence_and_registration_through_the_services_show_at_once(
    campaign, criteria, targets, period, unit_a, head_a, office_user, login
):
    client = login(head_a)
    url = reverse("criteria:unit", args=[campaign.slug, unit_a.code])
    assert client.get(url).content.decode().count("Chưa nhập số liệu") == 3
    assert "Chưa nhập số liệu" in client.get(url).content.decode()  # a hit
    _fill(period, unit_a, head_a, targets, [(12, 12), (80, 100), (49, 50)])
    page = client.get(url).content.decode()
    assert "Chưa nhập số liệu" not in page and "80 / 100" in page
    result = TargetResult.objects.get(unit=unit_a, target=targets[0])
    evidence = evidence_attach(
        result=result, actor=head_a, upload=SimpleUploadedFile("Báo cáo công khai.pdf", MINIMAL_PDF)
    )
    assert "Báo cáo công khai.pdf" in client.get(url).content.decode()
    evidence_remove(evidence=evidence, actor=head_a)
    assert "Báo cáo công khai.pdf" not in client.get(url).content.decode()
    assert "Đơn vị chưa đăng ký thi đua." in client.get(url).content.decode()
    registration_submit(
        campaign=campaign,
        unit=unit_a,
        actor=head_a,
        commitments={c.pk: f"Cam kết đạt {c.number}" for c in criteria},
        today=date(2025, 8, 1),
    )
    page = client.get(url).content.decode()
    assert "Đơn vị chưa đăng ký thi đua." not in page and "Cam kết đạt" in page


def test_plain_saves_show_at_once(campaign, criteria, targets, period, unit_a, head_a, office_user, login):
    """What the admin does: a commitment, a target, a period, a name; and the office's validation."""
    _fill(period, unit_a, head_a, targets, [(12, 12), (80, 100), (49, 50)])
    registration_submit(
        campaign=campaign,
        unit=unit_a,
        actor=head_a,
        commitments={c.pk: f"Cam kết đạt {c.number}" for c in criteria},
        today=date(2025, 8, 1),
    )
    client = login(head_a)
    url = reverse("criteria:unit", args=[campaign.slug, unit_a.code])
    client.get(url)
    commitment = RegistrationCommitment.objects.filter(registration__unit=unit_a).first()
    commitment.text = "Cam kết vượt chỉ tiêu"
    commitment.save()
    assert "Cam kết vượt chỉ tiêu" in client.get(url).content.decode()
    targets[0].label = "TTHC được công khai đầy đủ"
    targets[0].save()
    assert "TTHC được công khai đầy đủ" in client.get(url).content.decode()
    ReportingPeriod.objects.create(
        campaign=campaign, name="Quý I năm 2026", start=period.end, end=period.end, due_date=period.due_date
    )
    assert "Quý I năm 2026" in client.get(url).content.decode()
    head_a.official.full_name = "Phạm Văn Tâm Mới"
    head_a.official.save()
    assert "Phạm Văn Tâm Mới" in client.get(url).content.decode()


def test_the_offices_validation_shows_with_the_validators_name(
    campaign, criteria, targets, period, unit_a, head_a, office_user, login
):
    from criteria.services import results_report

    _fill(period, unit_a, head_a, targets, [(12, 12), (80, 100), (49, 50)])
    results_report(period=period, unit=unit_a, actor=head_a)
    client = login(office_user)
    url = reverse("criteria:unit", args=[campaign.slug, unit_a.code])
    assert client.get(url).content.decode().count("Xác nhận") >= 3
    result = TargetResult.objects.get(unit=unit_a, target=targets[0])
    result_transition(result=result, action="validate", actor=office_user)
    page = client.get(url).content.decode()
    assert "Lê Thị Thu Hà," in page
    office_user.official.full_name = "Lê Thị Thu Hằng"
    office_user.official.save()
    assert "Lê Thị Thu Hằng," in client.get(url).content.decode()
