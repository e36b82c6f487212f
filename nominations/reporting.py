"""The dossiers as the criteria dashboard, summary and exports show them: registered as criteria's
dossier source (criteria.registry) from NominationsConfig.ready(), because criteria sits below
nominations and never imports it."""

from django.db.models import Count
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from anhai_thidua.core.spreadsheets import workbook_bytes
from campaigns.models import Campaign
from criteria.registry import DossierSource, register_dossier_source

from .enums import DossierState
from .models import Dossier

BOLD = Font(bold=True)


def dossier_counts_by_state(campaign: Campaign) -> list[tuple[str, str, int]]:
    """(state, label, count) for every dossier state, in the enum's order, in one aggregate query."""
    counts = dict(
        Dossier.objects.filter(campaign=campaign)
        .order_by()
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    return [(state.value, str(state.label), counts.get(state.value, 0)) for state in DossierState]


def dossiers_workbook(campaign: Campaign) -> bytes:
    """The campaign's dossiers, one row each: unit, state, last submission, number of submissions."""
    dossiers = (
        Dossier.objects.filter(campaign=campaign)
        .select_related("unit")
        .order_by("unit__order", "unit__name", "pk")
    )
    wb = Workbook()
    ws = wb.active
    ws.title = "Hồ sơ đề nghị"
    ws.append(["STT", "Phòng, đơn vị", "Trạng thái", "Nộp lần cuối", "Số lần nộp"])
    for cell in ws[1]:
        cell.font = BOLD
    for index, dossier in enumerate(dossiers, 1):
        submitted = dossier.submitted_at
        ws.append(
            [
                index,
                dossier.unit.name,
                str(dossier.get_state_display()),
                timezone.localtime(submitted).strftime("%d/%m/%Y %H:%M") if submitted else None,
                dossier.submission_count,
            ]
        )
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 22
    ws.column_dimensions["D"].width = 18
    return workbook_bytes(wb, deterministic=True)  # the campaign export rewrites only changed files


register_dossier_source(DossierSource(counts=dossier_counts_by_state, workbook=dossiers_workbook))
