"""What the preview shows and confirming writes: one RowPlan per row, gathered in an ImportPlan."""

import hashlib
import json
from dataclasses import dataclass, field

from ..enums import RowAction
from ..models import Official, Unit
from .columns import OFFICIAL_SHEET, UNIT_SHEET


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class RowPlan:
    kind: str  # "unit" or "official"
    sheet: str
    number: int
    key: str = ""  # code (or e-mail) the row is matched by
    label: str = ""  # the unit's or official's name
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    action: str = RowAction.CREATE
    changes: list[Change] = field(default_factory=list)
    target: Unit | Official | None = None
    duplicate: bool = False  # the key already appeared higher up in the sheet

    @property
    def action_label(self) -> str:
        return RowAction(self.action).label


@dataclass
class ImportPlan:
    file_errors: list[str] = field(default_factory=list)
    units: list[RowPlan] = field(default_factory=list)
    officials: list[RowPlan] = field(default_factory=list)
    unit_sheet: str = UNIT_SHEET
    official_sheet: str = OFFICIAL_SHEET

    @property
    def rows(self) -> list[RowPlan]:
        return [*self.units, *self.officials]

    @property
    def error_rows(self) -> list[RowPlan]:
        return [row for row in self.rows if row.errors]

    @property
    def error_count(self) -> int:
        return len(self.file_errors) + sum(len(row.errors) for row in self.rows)

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or any(row.errors for row in self.rows)

    @property
    def has_writes(self) -> bool:
        return any(row.action != RowAction.UNCHANGED for row in self.rows)

    def counts(self) -> dict[str, dict[str, int]]:
        result = {}
        for kind, rows in (("units", self.units), ("officials", self.officials)):
            result[kind] = {action: sum(1 for r in rows if r.action == action) for action in RowAction.values}
        return result

    def digest(self) -> str:
        """Fingerprint of what confirming would write; it changes when the database changes under it."""
        payload = [
            [
                r.kind,
                r.number,
                r.action,
                r.target.pk if r.target else None,
                sorted(r.values.items()),
                r.errors,
            ]
            + [[c.label, c.old, c.new] for c in r.changes]
            for r in self.rows
        ]
        payload.append(self.file_errors)
        encoded = json.dumps(payload, default=str, ensure_ascii=False, sort_keys=True).encode()
        return hashlib.sha256(encoded).hexdigest()
