"""Who still owes what: one provider per reminder kind, registered by the app that owns the data.

A provider is a function ``provider(campaign, kind) -> iterable`` whose items are either ``Owed`` or a
plain ``(unit, recipients)`` pair. The reminder task asks each registered kind's provider, for every
launched campaign, which units (or objects) are still missing something and whom to remind.

Register from your AppConfig.ready() (see docs/notifications.md)::

    from notifications.registry import Owed, register_provider
    from organisation.selectors import unit_heads

    def dossiers_returned(campaign, kind):
        dossiers = list(Dossier.objects.filter(campaign=campaign, state=DossierState.RETURNED).select_related("unit"))
        heads = unit_heads(d.unit for d in dossiers)  # one query for all units
        return [
            Owed(
                unit=d.unit,
                recipients=heads[d.unit_id],
                deadline=d.supplement_due,  # per object; None = the campaign's deadline for the kind
                object_ref=f"nominations.dossier:{d.pk}",
                label=str(d.unit),
                link=reverse("nominations:detail", args=[d.pk]),
            )
            for d in dossiers
        ]

    register_provider("returned_dossier", dossiers_returned)

The notifications app never looks the other apps up: a kind nobody registered has no reminders.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from .enums import ReminderKind


@dataclass(frozen=True)
class Owed:
    """One thing still owed: by a unit (or about an object), with the people to remind.

    deadline: None means the campaign's deadline for the kind (enums.KIND_POLICY); per-object kinds
    (a returned dossier's new due date, a review's working-day limit) give their own.
    object_ref: what makes two items distinct for the exactly-once constraint; defaults to "unit:<pk>".
    label: what is owed, in Vietnamese, for the email and the office's summary (defaults to the unit name).
    link: the page where the recipient acts (a path); defaults to the campaign page.
    """

    unit: object | None
    recipients: Sequence = field(default_factory=tuple)
    deadline: date | None = None
    object_ref: str = ""
    label: str = ""
    link: str = ""

    @property
    def ref(self) -> str:
        if self.object_ref:
            return self.object_ref
        return f"unit:{self.unit.pk}" if self.unit is not None else ""

    @property
    def title(self) -> str:
        return self.label or (str(self.unit) if self.unit is not None else "")


Provider = Callable[[object, str], Iterable]

_providers: dict[str, Provider] = {}


def register_provider(kind: str, provider: Provider) -> Provider:
    """Register the provider of a reminder kind (see the module docstring). Returns the provider."""
    if kind not in ReminderKind.values:
        raise ValueError(f"unknown reminder kind {kind!r}; add it to notifications.enums.ReminderKind")
    _providers[kind] = provider
    return provider


def unregister_provider(kind: str) -> None:
    """Drop the provider of a kind (tests)."""
    _providers.pop(kind, None)


def provider_for(kind: str) -> Provider | None:
    return _providers.get(kind)


def registered_kinds() -> list[str]:
    """Kinds with a provider, in the order of ReminderKind."""
    return [k for k in ReminderKind.values if provider_for(k)]


def owed(campaign, kind: str) -> list[Owed]:
    """What the provider of `kind` says is still owed in `campaign`, normalised to Owed items."""
    provider = provider_for(kind)
    if provider is None:
        return []
    items = []
    for item in provider(campaign, kind) or ():
        if not isinstance(item, Owed):
            unit, recipients = item
            item = Owed(unit=unit, recipients=tuple(recipients))
        items.append(item)
    return items
