"""What the council's views share: the meeting with its permission, small form posts, file responses."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect

from anhai_thidua.core.permissions import (
    require,
)
from anhai_thidua.core.uploads import content_disposition

from ..models import Meeting

# The tally's rows per page (ranked over every nominee first; long lists are read a page at a time).
OUTCOMES_PER_PAGE = 50
# A tie at the quota line of at most this many nominees is settled on the meeting page; a larger one (a city
# tie holds thousands) on its own page, TIE_PAGE_SIZE nominees at a time.
TIE_INLINE_LIMIT = 50
TIE_PAGE_SIZE = 100


def _meeting(request, pk: int, perm: str = "council.view_meeting") -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("campaign", "council", "created_by"), pk=pk)
    require(request, perm, meeting)
    return meeting


def _meeting_form_post(request, meeting: Meeting, form, *, run, done: str, invalid: str | None = None):
    """The meeting page's small forms: a valid form runs its service (`run(cleaned_data)`, whose DomainError
    the view's decorator shows) and says `done`; an invalid one says `invalid` (or the form's own errors).
    Back to the meeting page either way."""
    if form.is_valid():
        result = run(form.cleaned_data)
        messages.success(request, done(result) if callable(done) else done)
    else:
        messages.error(
            request, invalid or " ".join(str(e) for errors in form.errors.values() for e in errors)
        )
    return redirect("council:detail", pk=meeting.pk)


def _file_response(data: bytes, filename: str, content_type: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response
