"""argparse types for numbers with a sensible range: anything else is a usage error (exit 2).

``float("inf")``, ``nan``, ``1e308`` and negative counts are all valid Python numbers and all
wrong as a timeout or a limit; these types say so before any command runs.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable


def whole_number(low: int = 1, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` (no upper bound when None)."""
    wanted = f"a whole number from {low:,} to {high:,}" if high else f"a whole number ≥ {low:,}"

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {wanted}, got {text!r}") from None
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"expected {wanted}, got {text!r}")
        return value

    parse.__name__ = "whole number"  # what argparse names in "invalid … value"
    return parse


def number(high: float, unit: str, *, zero_ok: bool = False) -> Callable[[str], float]:
    """An argparse type: a finite number of ``unit`` above 0 (or from 0) up to ``high``."""
    low = "from 0" if zero_ok else "above 0"
    wanted = f"a number of {unit} {low} and at most {high:g}"

    def parse(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {wanted}, got {text!r}") from None
        if not math.isfinite(value) or value > high or value < 0 or (value == 0 and not zero_ok):
            raise argparse.ArgumentTypeError(f"expected {wanted}, got {text!r}")
        return value

    parse.__name__ = unit
    return parse


def seconds(high: float, *, zero_ok: bool = False) -> Callable[[str], float]:
    """An argparse type: a finite number of seconds above 0 (or from 0) up to ``high``."""
    return number(high, "seconds", zero_ok=zero_ok)


def rate(high: float) -> Callable[[str], float]:
    """An argparse type: a finite rate above 0 and at most ``high`` per second."""
    return number(high, "requests per second")
