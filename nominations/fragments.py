"""The dossier page's sections below its completeness panel (nominees, minutes, files, history), rendered
once and kept in the cache (anhai_thidua/core/versions.py) under the dossier's scopes (nominations/scopes.py,
replaced by signals.py on every save and delete they show) and its version (bumped by every service write),
together with what the rest of the page needs of the whole dossier: the missing pieces and the extension.

A hit asks the database nothing more than the dossier itself (read anyway for the permission and its state);
a miss reads the dossier whole (dossier_detail) as before. When the viewer may change the dossier, its rows
carry his forms (remove a nominee or a file, with the CSRF token): then the sections are built for the
request and never kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import get_language

from anhai_thidua.core import versions

from . import scopes
from .enums import event_label
from .models import DeadlineExtension, Dossier
from .selectors import dossier_detail

CACHE_VERSION = 1  # raise when the template or the value's shape changes


@dataclass
class DossierSections:
    html: str  # SafeString: nominations/_sections.html
    missing: list[str]  # dossier_missing(): what the content still lacks, in the page's language
    extension: DeadlineExtension | None
    nominee_count: int


def dossier_sections(dossier: Dossier, *, can_change: bool, request=None) -> DossierSections:
    """The sections of `dossier`'s page (read with its campaign, unit and minutes) as `can_change` shows
    them: from the cache, or built (and kept, unless the rows carry the viewer's forms)."""

    def build() -> DossierSections:
        detail = dossier_detail(dossier)
        for entry in detail.history:
            entry.label = event_label(entry.action, entry.from_state)
        context = {"dossier": dossier, "detail": detail, "history": detail.history, "can_change": can_change}
        return DossierSections(
            html=render_to_string(
                "nominations/_sections.html", context, request=request if can_change else None
            ),
            missing=detail.missing(),
            extension=detail.extension,
            nominee_count=len(detail.nominees),
        )

    if can_change:
        return build()
    return versions.cached(
        "dossier-sections",
        scopes.of(dossier),
        build,
        CACHE_VERSION,
        dossier.pk,
        dossier.version,
        get_language(),
    )
