"""Placeholder while the pages are written."""

from django.http import Http404


def meeting_list(request, *args, **kwargs):
    raise Http404


def meeting_create_view(request, *args, **kwargs):
    raise Http404


def meeting_detail_view(request, *args, **kwargs):
    raise Http404


def attendance_view(request, *args, **kwargs):
    raise Http404


def meeting_open_view(request, *args, **kwargs):
    raise Http404


def poll_close_view(request, *args, **kwargs):
    raise Http404


def ballot_view(request, *args, **kwargs):
    raise Http404


def ballot_record_view(request, *args, **kwargs):
    raise Http404


def tie_break_view(request, *args, **kwargs):
    raise Http404


def minutes_pdf_view(request, *args, **kwargs):
    raise Http404


def tally_xlsx_view(request, *args, **kwargs):
    raise Http404
