"""The one check for a `next` address a request asks to be sent to after a form."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, default: str, *, field: str = "next") -> str:
    """`next` from the POST (or the query string) when it points into this site, otherwise `default`.

    An address on another host, another scheme (`javascript:`), or plain HTTP on an HTTPS site is refused,
    so a link cannot turn a form of ours into a redirect to somebody else's page.
    """
    candidate = request.POST.get(field) or request.GET.get(field) or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default
