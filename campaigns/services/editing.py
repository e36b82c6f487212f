"""The office creates a draft campaign and edits the plan's own fields."""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.domain import DomainError
from organisation.text import fold

from ..models import Campaign

# Paths under /phong-trao/ that a campaign's slug must not shadow (campaigns/urls.py).
_RESERVED_SLUGS = {"tao-moi"}


def unique_slug(base: str) -> str:
    """A free slug for a campaign titled `base` (campaign-2, campaign-3… when taken)."""
    base = slugify(fold(base))[:70] or "phong-trao"
    slug, n = base, 2
    while slug in _RESERVED_SLUGS or Campaign.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def campaign_create(*, actor, **fields) -> Campaign:
    """Create a draft campaign from the office's form. Side effects: audit row."""
    with transaction.atomic():
        if not fields.get("slug"):
            fields["slug"] = unique_slug(fields.get("title", ""))
        campaign = Campaign.objects.create(created_by=actor if getattr(actor, "pk", None) else None, **fields)
        audit_record(actor=actor, action="campaign_create", target=campaign, to_state=campaign.status)
    return campaign


def campaign_update(*, campaign: Campaign, actor, fields: dict) -> Campaign:
    """Change the plan's own fields. Refused once the campaign is closed. Side effects: audit row."""
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if not locked.is_editable:
            raise DomainError(_("Phong trào đã kết thúc: không thể sửa kế hoạch."))
        changed = [name for name, value in fields.items() if getattr(locked, name) != value]
        for name in changed:
            setattr(locked, name, fields[name])
        if changed:
            locked.save(update_fields=[*changed, "updated_at"])
            audit_record(actor=actor, action="campaign_update", target=locked, note=", ".join(changed))
    return locked
