"""The one way a view or a service checks a permission, and the one way a view shows a refused action.

Permissions are the `rules` predicates each app declares in its `rules.py` (`rules.add_perm`). Views call
`require(request, perm, obj)`; services call `require_actor(actor, perm, obj, message)`, which raises a
`DomainError` with a Vietnamese message (a service is also called from tasks, commands and tests, where
there is no request). Both use `rules.has_perm`, not `user.has_perm`: a superuser is not thereby the
chairman who signs, nor the head of a unit.

A view that calls a service wraps itself in `domain_errors_as_messages(...)`: a `DomainError` the service
raises becomes the error message at the top of the page it redirects to, instead of the same four lines in
forty views. Form views keep the message on the form instead (`form.add_error`), so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext as _

from .domain import DomainError


def allowed(user, perm: str, obj=None) -> bool:
    return bool(user and rules.has_perm(perm, user, obj))


def require(request, perm: str, obj=None) -> None:
    """In a view: 403 (the Vietnamese error page) unless the signed-in user has `perm` on `obj`."""
    if not allowed(request.user, perm, obj):
        raise PermissionDenied


def require_actor(actor, perm: str, obj=None, message: str | None = None) -> None:
    """In a service: a `DomainError` with `message` unless `actor` has `perm` on `obj`."""
    if not allowed(actor, perm, obj):
        raise DomainError(message or _("Bạn không có quyền thực hiện thao tác này."))


def domain_errors_as_messages(redirect_to: str | Callable[..., str]):
    """View decorator: a `DomainError` becomes an error message and a redirect.

    `redirect_to` is a URL name resolved with the view's keyword arguments (`"nominations:detail"` for a view
    taking `pk`), or a callable `(request, **kwargs) -> url` when the target needs other arguments.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except DomainError as exc:
                messages.error(request, str(exc))
                if callable(redirect_to):
                    return redirect(redirect_to(request, **kwargs))
                return redirect(resolve_url(redirect_to, **kwargs) if kwargs else resolve_url(redirect_to))

        return wrapped

    return decorator


def form_error_on_domain_error(form, call: Callable, *args, **kwargs):
    """Run a service call for a bound form; a `DomainError` becomes the form's error (the input stays).
    Returns (result, ok)."""
    try:
        return call(*args, **kwargs), True
    except DomainError as exc:
        form.add_error(None, str(exc))
        return None, False
