"""What the HTTP policy transport costs per request: ``policy_client`` against a bare httpx client.

Both send the same GETs to the same in-process ``httpx.MockTransport`` (no network, so the
transport's own cost is all there is to see). The policy side runs ORCID's policy with its
pacing lifted (a bucket that never waits): what remains is the tenacity retry loop, reading
the body inside the transport and the bookkeeping. The two take turns, round after round; the
figure is each side's microseconds per request (min/median/max over rounds) and the median of
the rounds' ratios. Against a real ORCID request (tens to hundreds of milliseconds) the
difference is what matters, not the ratio.

    .venv/bin/python benchmarks/bench_http_policy.py [--requests 2000] [--rounds 9]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from dataclasses import replace

import httpx

from claimdesk.http_policy import ORCID, policy_client

BODY = b'{"ok": true, "items": [' + b'{"n": 1},' * 200 + b'{"n": 2}]}'


def answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=BODY, headers={"Content-Type": "application/json"})


def per_request_us(client: httpx.Client, requests: int) -> float:
    """Microseconds per GET, ``requests`` of them through ``client``."""
    start = time.perf_counter()
    for n in range(requests):
        response = client.get(f"https://orcid.test/v3.0/0000-0002-1825-0097/work/{n}")
        assert response.status_code == 200 and len(response.content) == len(BODY)
    return (time.perf_counter() - start) / requests * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()

    unpaced = replace(ORCID, rate=1e9, burst=1_000_000)
    bare = httpx.Client(transport=httpx.MockTransport(answer))
    policy = policy_client(unpaced, inner=httpx.MockTransport(answer))
    per_request_us(bare, 200)  # warm both up
    per_request_us(policy, 200)
    load_start = os.getloadavg()
    bare_us: list[float] = []
    policy_us: list[float] = []
    for n in range(args.rounds):
        first, second = (bare, policy) if n % 2 == 0 else (policy, bare)
        a = per_request_us(first, args.requests)
        b = per_request_us(second, args.requests)
        if first is bare:
            bare_us.append(a)
            policy_us.append(b)
        else:
            policy_us.append(a)
            bare_us.append(b)
    load_end = os.getloadavg()
    bare.close()
    policy.close()
    ratios = [p / b for p, b in zip(policy_us, bare_us, strict=True)]

    def spread(values: list[float]) -> str:
        return f"{min(values):.1f} / {statistics.median(values):.1f} / {max(values):.1f}"

    print(f"# HTTP policy transport, {args.requests} GETs x {args.rounds} rounds")
    print(f"python {platform.python_version()}, httpx {httpx.__version__}, {platform.machine()}")
    print(f"load average 1 min: {load_start[0]:.2f} at start, {load_end[0]:.2f} at end")
    print(f"bare httpx client   µs/request min/median/max: {spread(bare_us)}")
    print(f"policy_client(ORCID) µs/request min/median/max: {spread(policy_us)}")
    print(
        f"policy / bare ratio min/median/max: {min(ratios):.2f} / "
        f"{statistics.median(ratios):.2f} / {max(ratios):.2f}; "
        f"added per request (median): "
        f"{statistics.median(policy_us) - statistics.median(bare_us):.1f} µs"
    )


if __name__ == "__main__":
    main()
