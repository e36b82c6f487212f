"""The unit's documents read as the office reads them: document symbols with the unit's own code, minutes
with their times, conclusion and Nơi nhận, dates that cannot come after the submission, sentences decided
from the data, and the NĐ 30 layout of every document."""

import datetime as dt

import pytest
from django.urls import reverse

from anhai_thidua.core.templatetags.counts import group_counts_text
from nominations import services
from nominations.documents import (
    achievement_report_pdf,
    dossier_cover_letter_pdf,
    enclosures_sentence,
    minutes_conclusion,
    unit_minutes_pdf,
)
from nominations.errors import FieldError, IncompleteDossier
from nominations.models import Dossier, UnitMinutes
from nominations.selectors import dossier_detail
from tests.pdf import assert_official_format, pdf_text

from .conftest import add_individual, fill_report, save_minutes


@pytest.fixture
def coded(unit_a):
    unit_a.document_code = "TTPVHCC"
    unit_a.save()
    return unit_a


# ---- document codes ---------------------------------------------------------------------------------------------
def test_cover_letter_and_minutes_use_the_units_document_code(complete_a, coded):
    complete_a.refresh_from_db()
    letter = pdf_text(dossier_cover_letter_pdf(complete_a))
    minutes = pdf_text(unit_minutes_pdf(complete_a))
    assert "/TTr-TTPVHCC" in letter and "/BB-TTPVHCC" in minutes
    # The old code stripped the diacritics of the short name and cut it at 12 letters.
    assert "TTPVHCC" in letter and "TTRUNGTAMPHU" not in letter.replace(" ", "")


def test_without_a_code_the_symbol_is_left_blank_never_derived_from_the_name(complete_a):
    import re

    letter = pdf_text(dossier_cover_letter_pdf(complete_a))
    assert re.search(r"Số: \S*/TTr- ", letter), letter[:300]  # the code's place left blank
    assert "/TTr-TT" not in letter


# ---- minutes -----------------------------------------------------------------------------------------------------
def test_minutes_print_start_and_end_time_conclusion_and_recipients(complete_a, head_a, coded):
    UnitMinutes.objects.filter(dossier=complete_a).update(start_time=dt.time(14, 0), end_time=dt.time(16, 30))
    data = unit_minutes_pdf(complete_a)
    text = pdf_text(data)
    assert "Vào hồi 14 giờ 00 ngày 25/11/2025" in text
    assert "Cuộc họp kết thúc vào hồi 16 giờ 30 cùng ngày" in text
    assert "… giờ …" not in text
    assert (
        "Hội đồng thống nhất đề nghị khen thưởng Trung tâm Phục vụ hành chính công, Ông Trần Ngọc Sơn" in text
    )
    assert "Nơi nhận:" in text and "- Lưu: VT." in text
    assert "Hội đồng Thi đua - Khen thưởng phường An Hải (qua Phòng Văn hóa - Xã hội)" in text


def test_minutes_conclusion_is_decided_by_the_votes():
    class Vote:
        def __init__(self, agree, total):
            self.votes_for, self.votes_total = agree, total

    class Nominee:
        def __init__(self, name):
            self.formal_name = name

    a, b = Nominee("Bà A"), Nominee("Ông B")
    assert minutes_conclusion([(a, Vote(4, 7)), (b, Vote(3, 7))]) == (
        "Hội đồng thống nhất đề nghị khen thưởng Bà A (được trên một nửa số phiếu đồng ý)."
    )
    assert minutes_conclusion([(a, Vote(3, 7))]).startswith("Không có tập thể, cá nhân nào được trên một nửa")
    assert "Chưa ghi kết quả biểu quyết đối với Ông B" in minutes_conclusion([(a, Vote(5, 7)), (b, None)])


def test_minutes_form_keeps_typed_text_and_refuses_end_before_start(complete_a, head_a, login):
    url = reverse("nominations:minutes", args=[complete_a.pk])
    response = login(head_a).post(
        url,
        {
            "meeting_date": "2025-11-25",
            "start_time": "16:00",
            "end_time": "15:00",
            "meeting_place": "Phòng họp Trung tâm mới",
            "chair_name": "Phạm Văn Tâm",
            "secretary_name": "Cao Thị Phương Thảo",
            "members_total": 7,
            "members_present": 7,
            **{f"for_{n.pk}": 7 for n in complete_a.nominees.all()},
            **{f"total_{n.pk}": 7 for n in complete_a.nominees.all()},
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Giờ kết thúc cuộc họp phải sau giờ bắt đầu." in page
    assert "Phòng họp Trung tâm mới" in page
    assert UnitMinutes.objects.get(dossier=complete_a).meeting_place == "Phòng họp Trung tâm"


# ---- dates that cannot run after the submission ----------------------------------------------------------------
def test_minutes_dated_after_today_are_refused_at_edit(complete_a, head_a):
    # The clock is 01/12/2025: the dossier cannot be submitted before that day.
    with pytest.raises(FieldError, match="Ngày họp 02/12/2025 sau ngày nộp hồ sơ") as refused:
        services.minutes_save(
            dossier=complete_a,
            actor=head_a,
            fields={
                "meeting_date": dt.date(2025, 12, 2),
                "meeting_place": "Phòng họp",
                "chair_name": "Phạm Văn Tâm",
                "secretary_name": "Cao Thị Phương Thảo",
                "members_total": 7,
                "members_present": 7,
            },
            votes={},
        )
    assert refused.value.field == "meeting_date"
    assert UnitMinutes.objects.get(dossier=complete_a).meeting_date == dt.date(2025, 11, 25)


def test_minutes_form_shows_the_date_refusal_under_the_field_with_typed_text_kept(complete_a, head_a, login):
    response = login(head_a).post(
        reverse("nominations:minutes", args=[complete_a.pk]),
        {
            "meeting_date": "2025-12-05",
            "start_time": "14:00",
            "end_time": "16:00",
            "meeting_place": "Hội trường tầng 2",
            "chair_name": "Phạm Văn Tâm",
            "secretary_name": "Cao Thị Phương Thảo",
            "members_total": 7,
            "members_present": 7,
            **{f"for_{n.pk}": 7 for n in complete_a.nominees.all()},
            **{f"total_{n.pk}": 7 for n in complete_a.nominees.all()},
        },
    )
    page = response.content.decode()
    assert "sau ngày nộp hồ sơ" in page and "Hội trường tầng 2" in page
    assert "2025-12-05" in page


def test_submit_refuses_minutes_dated_after_the_submission(complete_a, head_a):
    UnitMinutes.objects.filter(dossier=complete_a).update(meeting_date=dt.date(2025, 12, 3))
    with pytest.raises(IncompleteDossier, match="Ngày họp 03/12/2025 sau ngày nộp hồ sơ \\(01/12/2025\\)"):
        services.dossier_submit(dossier=complete_a, actor=head_a)
    assert Dossier.objects.get(pk=complete_a.pk).state == "draft"


def test_cover_letter_is_dated_on_its_submission_day(complete_a, head_a, time_machine):
    time_machine.move_to(
        dt.datetime(2025, 12, 3, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))), tick=False
    )
    services.dossier_submit(dossier=complete_a, actor=head_a)
    time_machine.move_to(
        dt.datetime(2025, 12, 20, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))), tick=False
    )
    text = pdf_text(dossier_cover_letter_pdf(Dossier.objects.get(pk=complete_a.pk)))
    assert "An Hải, ngày 03 tháng 12 năm 2025" in text  # not the day it is printed


# ---- sentences decided from the data ---------------------------------------------------------------------------
def test_nominee_count_leaves_out_an_empty_group():
    assert group_counts_text(1, 2) == "01 tập thể và 02 cá nhân"
    assert group_counts_text(0, 3) == "03 cá nhân"
    assert group_counts_text(1, 0) == "01 tập thể"


def test_cover_letter_without_individuals_prints_no_zero_group(dossier_a, head_a, unit_a):
    from .conftest import add_collective

    nominee = add_collective(dossier_a, head_a, unit_a)
    fill_report(nominee, head_a)
    text = pdf_text(dossier_cover_letter_pdf(dossier_a))
    assert "khen thưởng cho 01 tập thể đã có thành tích" in text
    assert "00 cá nhân" not in text


def test_enclosures_follow_what_the_dossier_holds(dossier_a, head_a, officials_a):
    nominee = add_individual(dossier_a, head_a, officials_a[0])
    fill_report(nominee, head_a, confirm=False)
    detail = dossier_detail(dossier_a, with_history=False)
    sentence = enclosures_sentence(detail)
    assert "chưa đủ xác nhận của thủ trưởng đơn vị" in sentence
    assert "Biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị chưa có." in sentence
    services.report_confirm(nominee=nominee, actor=head_a)
    save_minutes(dossier_a, head_a)
    sentence = enclosures_sentence(dossier_detail(dossier_a, with_history=False))
    assert sentence == (
        "Hồ sơ kèm theo gồm: báo cáo thành tích của các tập thể, cá nhân có xác nhận của thủ trưởng đơn vị "
        "và biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị ngày 25/11/2025."
    )


# ---- NĐ 30 layout ----------------------------------------------------------------------------------------------
def test_cover_letter_official_format(complete_a, coded):
    assert_official_format(dossier_cover_letter_pdf(complete_a))


def test_unit_minutes_official_format(complete_a, coded):
    assert_official_format(unit_minutes_pdf(complete_a))


def test_achievement_report_official_format(complete_a):
    nominee = complete_a.nominees.filter(kind="individual").first()
    # The report form (Thông tư 15/2025/TT-BNV, mẫu báo cáo thành tích) is the nominee's own report confirmed
    # by the unit head: it carries neither a document number ("Số: …") nor a distribution list (Nơi nhận).
    assert_official_format(achievement_report_pdf(nominee), number=False, recipients=False)


# ---- the tờ trình's own number and date ---------------------------------------------------------------------------
def test_letter_number_and_date_are_printed(complete_a, head_a, coded):
    services.dossier_letter_save(
        dossier=complete_a, actor=head_a, number="5", letter_date=dt.date(2025, 11, 28)
    )
    text = pdf_text(dossier_cover_letter_pdf(Dossier.objects.get(pk=complete_a.pk)))
    assert "Số: 05/TTr-TTPVHCC" in text
    assert "An Hải, ngày 28 tháng 11 năm 2025" in text


def test_letter_dated_after_today_is_refused_on_the_form_with_typed_text_kept(complete_a, head_a, login):
    response = login(head_a).post(
        reverse("nominations:letter", args=[complete_a.pk]), {"number": "07", "letter_date": "2025-12-04"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ngày tờ trình 04/12/2025 sau ngày nộp hồ sơ (01/12/2025)" in page
    assert 'value="07"' in page and "2025-12-04" in page
    complete_a.refresh_from_db()
    assert (complete_a.letter_number, complete_a.letter_date) == ("", None)


def test_submit_refuses_a_letter_dated_after_the_submission(complete_a, head_a):
    Dossier.objects.filter(pk=complete_a.pk).update(letter_date=dt.date(2025, 12, 9))
    with pytest.raises(IncompleteDossier, match="Ngày tờ trình 09/12/2025 sau ngày nộp hồ sơ"):
        services.dossier_submit(dossier=Dossier.objects.get(pk=complete_a.pk), actor=head_a)
    assert Dossier.objects.get(pk=complete_a.pk).state == "draft"
