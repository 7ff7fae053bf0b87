"""Installer size and start-up time: the PyInstaller bundle and the source app, against a baseline.

Builds (unless ``--reuse``) the one-folder app from ``packaging/pyinstaller.spec`` and, with the
same spec options (``-- --baseline``), a minimal PySide6 window (``benchmarks/minimal_window.py``).
Then launches each of these many times, round robin, and measures the time from launch to the
first paint of the main window:

- frozen claimdesk / frozen baseline, and ``python -m claimdesk`` / ``python minimal_window.py``;
- with ``--onefile`` also the one-file variants (they unpack themselves on every start).

"Painted" is what the app prints with ``CLAIMDESK_STARTUP_PROBE=1`` (claimdesk/ui/startup_probe.py):
the wall-clock time of the first paint event inside the window, after which it quits. Each run
gets a fresh, empty ``CLAIMDESK_HOME``; claimdesk is measured as a configured install
(``CLAIMDESK_CLIENT_ID`` set, nobody signed in) and as a first start (no client configured, which
opens the embedded demo sandbox). Offscreen Qt unless ``--platform`` says otherwise.

    .venv/bin/python benchmarks/bench_startup.py [--runs 15] [--reuse] [--onefile] [--write-readme]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
SPEC = ROOT / "packaging" / "pyinstaller.spec"
MARKER = "claimdesk-painted"
SIZE_TARGET_MB = 150.0
RATIO_TARGET = 1.5
#: a syntactically valid client id, so the app starts as a configured install
CONFIGURED = {"CLAIMDESK_ENV": "sandbox", "CLAIMDESK_CLIENT_ID": "APP-BENCHSTARTUP0001"}


@dataclass
class Variant:
    """One way of starting a window, and its measured start-up times (seconds)."""

    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def best(self) -> float:
        return min(self.times) if self.times else float("nan")


def build(name: str, extra: list[str], dist: Path) -> float:
    """Run PyInstaller on the spec; seconds taken."""
    work = OUT / "build" / name
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(SPEC),
            "--",
            *extra,
        ],
        check=True,
        cwd=ROOT,
    )
    return time.perf_counter() - started


def size_on_disk(path: Path) -> tuple[int, int]:
    """(bytes of all files, bytes of disk blocks) under ``path``; symlinks are not followed."""
    files = (
        [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() or p.is_symlink()]
    )
    stats = [p.lstat() for p in files]
    return sum(s.st_size for s in stats), sum(s.st_blocks * 512 for s in stats)


def launch(variant: Variant, timeout: float, platform: str) -> None:
    """Start the variant once and record the time to its first paint (or why it failed)."""
    home = tempfile.mkdtemp(prefix="claimdesk-bench-")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": platform,
        "CLAIMDESK_STARTUP_PROBE": "1",
        "CLAIMDESK_HOME": home,
        **variant.env,
    }
    for key in ("CLAIMDESK_CLIENT_ID", "CLAIMDESK_ENV"):
        if key not in variant.env:
            env.pop(key, None)
    if variant.argv[0] == sys.executable:
        cache_bytecode(env)
    try:
        started = time.time()
        proc = subprocess.run(
            variant.argv, env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT
        )
        found = re.search(rf"^{MARKER} (\d+\.\d+)$", proc.stdout, re.M)
        if found:
            variant.times.append(float(found.group(1)) - started)
        else:
            tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            variant.failures.append(f"exit {proc.returncode}: {tail}")
    except subprocess.TimeoutExpired:
        variant.failures.append(f"no paint within {timeout:g} s")
    finally:
        shutil.rmtree(home, ignore_errors=True)


def cache_bytecode(env: dict[str, str]) -> None:
    """Let Python keep compiled modules (under benchmarks/out/), as an installed copy does.

    With PYTHONDONTWRITEBYTECODE set (some shells and CI images set it), every start from source
    compiles claimdesk's modules again (~50 ms); the baseline, one small script, barely notices.
    """
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", str(OUT / "pycache"))


def import_report(argv: list[str], env: dict[str, str], limit: int = 12) -> list[str]:
    """What ``python -X importtime`` says ``argv`` imports: total, heavy modules, slowest ones."""
    home = tempfile.mkdtemp(prefix="claimdesk-bench-")
    run_env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CLAIMDESK_STARTUP_PROBE": "1",
        "CLAIMDESK_HOME": home,
        **env,
    }
    cache_bytecode(run_env)
    try:
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", *argv],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=run_env,
            timeout=120,
        )
    finally:
        shutil.rmtree(home, ignore_errors=True)
    rows = []
    for line in proc.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2][1:].rstrip()))
    names = {name.strip() for _, name in rows}
    heavy = [m for m in HEAVY if m in names]
    top = sum(us for us, name in rows if not name.startswith(" "))
    out = [
        f"$ python -X importtime {' '.join(argv)}",
        f"{len(rows)} modules, {top / 1000:.0f} ms; heavy: {', '.join(heavy) or 'none'}",
    ]
    out += [f"{us / 1000:7.1f} ms {name}" for us, name in sorted(rows, reverse=True)[:limit]]
    return out


#: modules that have no business loading before the window is painted (or for --version)
HEAVY = (
    "PySide6.QtCore",
    "httpx",
    "lxml.etree",
    "keyring",
    "secretstorage",
    "sqlite3",
    "claimdesk.orcid.client",
    "claimdesk.auth.flow",
    "claimdesk.sandbox.server",
    "claimdesk.sources.search",
    "claimdesk.claims.runner",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="launches per variant (default 15)")
    parser.add_argument("--reuse", action="store_true", help="use the bundles already built")
    parser.add_argument("--onefile", action="store_true", help="also the one-file variants")
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM (offscreen)")
    parser.add_argument("--timeout", type=float, default=60.0, help="per launch, seconds")
    parser.add_argument(
        "--write-readme", action="store_true", help="put the results into benchmarks/README.md"
    )
    args = parser.parse_args()

    dist = OUT / "dist"
    builds = [
        ("claimdesk", [], dist / "onedir", dist / "onedir" / "claimdesk"),
        ("baseline", ["--baseline"], dist / "onedir", dist / "onedir" / "claimdesk-baseline"),
    ]
    if args.onefile:
        builds += [
            ("claimdesk-onefile", ["--onefile"], dist / "onefile", dist / "onefile" / "claimdesk"),
            (
                "baseline-onefile",
                ["--onefile", "--baseline"],
                dist / "onefile",
                dist / "onefile" / "claimdesk-baseline",
            ),
        ]
    build_times: dict[str, float] = {}
    for name, extra, where, target in builds:
        if args.reuse and target.exists():
            continue
        print(f"building {name} …", flush=True)
        build_times[name] = build(name, extra, where)

    exe = ".exe" if sys.platform == "win32" else ""
    app_dir, base_dir = dist / "onedir" / "claimdesk", dist / "onedir" / "claimdesk-baseline"
    variants = [
        Variant("frozen claimdesk", [str(app_dir / f"claimdesk{exe}")], CONFIGURED),
        Variant("frozen claimdesk, first start (demo)", [str(app_dir / f"claimdesk{exe}")]),
        Variant("frozen baseline", [str(base_dir / f"claimdesk-baseline{exe}")]),
        Variant("source claimdesk", [sys.executable, "-m", "claimdesk"], CONFIGURED),
        Variant("source claimdesk, first start (demo)", [sys.executable, "-m", "claimdesk"]),
        Variant(
            "source baseline", [sys.executable, str(ROOT / "benchmarks" / "minimal_window.py")]
        ),
    ]
    if args.onefile:
        variants += [
            Variant("onefile claimdesk", [str(dist / "onefile" / f"claimdesk{exe}")], CONFIGURED),
            Variant("onefile baseline", [str(dist / "onefile" / f"claimdesk-baseline{exe}")]),
        ]
    for variant in variants:  # one warm-up each: the numbers are for a warm disk cache
        launch(variant, args.timeout, args.platform)
        variant.times.clear()
        variant.failures.clear()
    for _ in range(args.runs):
        for variant in variants:
            launch(variant, args.timeout, args.platform)

    size, blocks = size_on_disk(app_dir)
    base_size, _ = size_on_disk(base_dir)
    by_name = {v.name: v for v in variants}
    lines = [
        f"{time.strftime('%Y-%m-%d')}, {sys.platform}, Python {sys.version.split()[0]}, "
        f"Qt platform {args.platform}, {args.runs} launches each (median; best in brackets), "
        f"{os.cpu_count()} CPUs.",
        "",
        "| | |",
        "| --- | --- |",
        f"| bundle size (dist/claimdesk) | {size / 1e6:.1f} MB ({blocks / 1e6:.1f} MB of disk "
        f"blocks); target ≤ {SIZE_TARGET_MB:.0f} MB: "
        f"{'met' if size / 1e6 <= SIZE_TARGET_MB else 'NOT met'} |",
        f"| baseline bundle (minimal PySide6 window) | {base_size / 1e6:.1f} MB |",
    ]
    for onefile in (dist / "onefile" / f"claimdesk{exe}",):
        if args.onefile and onefile.exists():
            lines.append(f"| one-file executable | {onefile.stat().st_size / 1e6:.1f} MB |")
    for name, seconds in build_times.items():
        lines.append(f"| build time, {name} | {seconds:.0f} s |")
    lines += [
        "",
        "| start-up to first paint | median | best | × baseline (median) |",
        "| --- | --- | --- | --- |",
    ]
    for v in variants:
        base = by_name[
            "frozen baseline"
            if v.name.startswith("frozen")
            else "onefile baseline"
            if v.name.startswith("onefile")
            else "source baseline"
        ]
        ratio = v.median / base.median
        verdict = (
            ""
            if "baseline" in v.name
            else (f" ({'≤' if ratio <= RATIO_TARGET else '>'} {RATIO_TARGET}× target)")
        )
        failed = f"; {len(v.failures)} failed: {v.failures[0]}" if v.failures else ""
        lines.append(
            f"| {v.name} | {v.median * 1000:.0f} ms | {v.best * 1000:.0f} ms | "
            f"{ratio:.2f}×{verdict}{failed} |"
        )
    lines += [
        "",
        "What loads at start-up (cumulative import times, one run; threads inflate them):",
        "",
        "```",
        *import_report(["-m", "claimdesk", "--version"], {}),
        "",
        *import_report(["-m", "claimdesk"], CONFIGURED),
        "```",
    ]
    report = "\n".join(lines)
    print(report)
    if args.write_readme:
        readme = ROOT / "benchmarks" / "README.md"
        text = readme.read_text(encoding="utf-8")
        start, end = "<!-- bench_startup:start -->", "<!-- bench_startup:end -->"
        if start in text and end in text:
            head, rest = text.split(start, 1)
            text = head + start + "\n" + report + "\n" + end + rest.split(end, 1)[1]
            readme.write_text(text, encoding="utf-8")
        else:
            print("benchmarks/README.md has no bench_startup markers; not written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
