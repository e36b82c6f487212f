"""Export a campaign's documents to a folder, for archiving or handing over on a USB stick.

Each app contributes the documents it owns by registering an exporter in its own ``exporting``
module (``nominations/exporting.py``, ``criteria/exporting.py`` …), found by autodiscovery::

    from campaigns.exporting import register_exporter, write_file

    @register_exporter
    def export_decisions(campaign, directory):
        return [write_file(directory / "quyet-dinh.pdf", decision_pdf(campaign))]

An exporter takes (campaign, directory) and returns the paths it wrote inside ``directory``
(sub-folders allowed). :func:`campaign_export` runs them all in registration order and writes
``manifest.json`` listing every file with its size and SHA-256. A second run writes the same bytes,
leaves unchanged files untouched and removes files a previous run listed that no exporter writes
any more; it never deletes anything it did not write.
"""

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from django.utils.module_loading import autodiscover_modules

from .models import Campaign

MANIFEST = "manifest.json"

Exporter = Callable[[Campaign, Path], list[Path]]

_exporters: dict[str, Exporter] = {}
_discovered = False


def register_exporter(fn: Exporter) -> Exporter:
    """Register `fn(campaign, directory) -> [paths written]`; safe to import twice."""
    _exporters[f"{fn.__module__}.{fn.__qualname__}"] = fn
    return fn


def registered_exporters() -> list[Exporter]:
    """Every exporter, after importing the `exporting` module of each installed app."""
    global _discovered
    if not _discovered:
        autodiscover_modules("exporting")
        _discovered = True
    return list(_exporters.values())


def write_file(path: Path, data: bytes) -> Path:
    """Write `data` to `path` atomically; a file that already holds these bytes is left as it is."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return path
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


@dataclass(frozen=True)
class ExportedFile:
    name: str  # path relative to the campaign folder, with "/" separators
    size: int
    sha256: str


@dataclass(frozen=True)
class ExportResult:
    directory: Path
    files: list[ExportedFile]

    @property
    def manifest_path(self) -> Path:
        return self.directory / MANIFEST


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _previous_names(directory: Path) -> set[str]:
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        return {entry["name"] for entry in manifest.get("files", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return set()


def campaign_export(*, campaign: Campaign, directory: Path) -> ExportResult:
    """Write every document of `campaign` into `directory/<slug>/`, plus manifest.json.

    Side effects: creates the folder; writes or replaces the documents; deletes documents listed in
    the previous manifest that no exporter wrote this time. Raises ValueError when an exporter
    writes outside the folder or two exporters write the same file.
    """
    target = (Path(directory) / campaign.slug).resolve()
    target.mkdir(parents=True, exist_ok=True)
    previous = _previous_names(target)
    written: dict[str, Path] = {}
    for exporter in registered_exporters():
        for path in exporter(campaign, target):
            path = Path(path).resolve()
            if not path.is_relative_to(target) or path == target / MANIFEST:
                raise ValueError(f"{exporter.__qualname__} wrote outside the export folder: {path}")
            name = path.relative_to(target).as_posix()
            if name in written:
                raise ValueError(f"two exporters wrote {name}")
            written[name] = path
    for name in previous - set(written):
        stale = (target / name).resolve()
        if stale.is_relative_to(target) and stale.is_file():
            stale.unlink()
    files = [
        ExportedFile(name=name, size=path.stat().st_size, sha256=_sha256(path))
        for name, path in sorted(written.items())
    ]
    manifest = {
        "campaign": campaign.slug,
        "title": campaign.title,
        "status": campaign.status,
        "files": [asdict(f) for f in files],
    }
    write_file(target / MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode())
    return ExportResult(directory=target, files=files)


@register_exporter
def export_plan(campaign: Campaign, directory: Path) -> list[Path]:
    """The plan (Kế hoạch) as ke-hoach.pdf."""
    from .documents import plan_pdf

    return [write_file(directory / "ke-hoach.pdf", plan_pdf(campaign))]
