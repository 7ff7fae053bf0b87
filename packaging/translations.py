"""Refresh claimdesk's translations: ``python packaging/translations.py [LANG…]``.

Runs ``pyside6-lupdate`` over ``claimdesk/ui`` into ``resources/translations/claimdesk_LANG.ts``
(existing translations are kept; texts that left the code are marked obsolete), then compiles
every ``.ts`` there to the ``.qm`` the app loads for the system's language
(``claimdesk.ui.app.install_translations``). Both tools ship in the PySide6 wheel. Translate the
``.ts`` with Qt Linguist (``pyside6-linguist``), then run this again.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"


def tool(name: str) -> str:
    """A PySide6 tool next to this Python, else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 (it ships the tool)")
    return found


def main(languages: list[str]) -> int:
    """Update the named languages' .ts files (all existing ones when none are named), compile."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "claimdesk" / "ui").glob("*.py"))
    sources.append("claimdesk/commands/gui.py")  # the tab titles
    targets = [FOLDER / f"claimdesk_{lang}.ts" for lang in languages] or sorted(
        FOLDER.glob("claimdesk_*.ts")
    )
    for ts in targets:
        subprocess.run([tool("pyside6-lupdate"), *sources, "-ts", str(ts)], cwd=ROOT, check=True)
    for ts in sorted(FOLDER.glob("claimdesk_*.ts")):
        subprocess.run(
            [tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
