from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from .selectors import official_list, unit_list_with_counts


@login_required
def directory(request):
    if not request.user.has_perm("organisation.view_directory"):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()
    page = Paginator(official_list(query=query), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "organisation/directory.html",
        {"units": unit_list_with_counts(), "page": page, "query": query},
    )


@login_required
def import_upload(request):
    # Replaced by the xlsx import (preview, per-row errors, confirm).
    if not request.user.has_perm("organisation.import_officials"):
        raise PermissionDenied
    return render(request, "organisation/import.html", {})
