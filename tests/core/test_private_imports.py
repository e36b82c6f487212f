"""No app (nor the benchmarks) imports a private (``_name``) function of another app (issue 12, item 4)."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = [
    "anhai_thidua",
    "organisation",
    "campaigns",
    "criteria",
    "notifications",
    "nominations",
    "reviews",
    "council",
    "awards",
    "anhai_site",
    "benchmarks",
]


def private_imports_across_apps() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.ImportFrom) and node.level == 0 and node.module):
                    continue
                owner = node.module.split(".")[0]
                if owner == package or owner not in PACKAGES:
                    continue
                for alias in node.names:
                    if alias.name.startswith("_") and alias.name != "_":
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module}.{alias.name}")
    return found


def test_no_app_imports_another_apps_private_function():
    assert private_imports_across_apps() == []
