"""End to end with a real headless Chromium: a researcher grants permission through the service,
the curator pushes, the works are on the record; then no secret is in any file, log or answer."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import httpx
import pytest
from cdp import Chromium
from service_support import running_service, wait_until

from claimdesk.cli import main
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from claimdesk.sandbox.server import Sandbox

pytest.importorskip("starlette")
pytestmark = pytest.mark.browser


def test_researcher_grants_in_chromium_and_the_curator_push_lands_on_the_record(
    chromium: Chromium,
    tmp_path: Path,
    home: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    answers: list[str] = []
    with Sandbox(seed="curator", dois=40) as sb:
        corpus = sb.seed_result.curator
        orcid = sorted({o for d in corpus.dois for o in d.orcids()})[0]
        dois = sorted(d.doi for d in corpus.dois if orcid in d.orcids())
        sb.auth.premium.add(DEMO_CLIENT_ID)
        database = f"sqlite:///{home / 'data' / 'service.sqlite3'}"
        with running_service(sb, database, tmp_path) as svc:
            # The researcher finds the request in their ORCID inbox and follows its link.
            api = svc.api()
            sent = api.notify({orcid: dois}, dry_run=False)
            assert sent["requests"][0]["action"] == "sent an ORCID inbox request"
            again = api.notify({orcid: dois}, dry_run=False)
            assert again["requests"][0]["action"].startswith("skipped")  # one open request
            chromium.navigate(f"{sb.base_url}/inbox/{orcid}")
            chromium.wait_for("document.querySelector('a.grant') !== null")
            chromium.evaluate("document.querySelector('a.grant').click()")
            chromium.wait_for("document.getElementById('continue') !== null")
            assert "Sandbox University" in chromium.body_text()
            chromium.evaluate("document.getElementById('continue').click()")
            chromium.wait_for("document.getElementById('authorize') !== null")
            chromium.evaluate(
                f"document.querySelector('input[name=orcid][value=\"{orcid}\"]').click()"
            )
            chromium.evaluate("document.getElementById('authorize').click()")
            text = chromium.wait_for(
                "document.getElementById('result') && document.body.innerText", timeout=20
            )
            assert f"may now add works to the ORCID record {orcid}" in text

            grants = api.grants()
            assert [(g["orcid"], g["status"]) for g in grants] == [(orcid, "active")]
            assert sb.inbox.of(orcid)[0].actioned is not None
            # the back catalogue arrives on its own; the curator's push of the same DOIs too
            run = api.push({orcid: dois})["run"]
            wait_until(lambda: api.run(run["id"])["run"]["finished"], what="the push")
            wait_until(lambda: all(r["finished"] for r in api.runs()), what="every run")
            mine = [
                e.value.lower()
                for w in sb.store.all_works(orcid)
                if w.source and w.source.client_id == DEMO_CLIENT_ID
                for e in w.external_ids
                if e.type == "doi"
            ]
            assert mine and len(mine) == len(set(mine))  # nothing added twice
            assert set(mine) <= set(dois)
            answers += [json.dumps(api.grants()), json.dumps(api.runs())]
            answers += [json.dumps(api.run(r["id"])) for r in api.runs()]
            answers.append(httpx.get(f"{svc.url}/grant").text)

            monkeypatch.setenv("CLAIMDESK_API_KEY", svc.api_key)
            assert main(["grants", "--service", svc.url, "--json"]) == 0
            printed = capsys.readouterr().out
            assert json.loads(printed)["grants"][0]["orcid"] == orcid
            answers.append(printed)
            api_key = svc.api_key
        secrets = [t.access_token for t in sb.auth._tokens.values()]
        secrets += [t.refresh_token for t in sb.auth._tokens.values()]
        secrets += [DEMO_CLIENT_SECRET, api_key]

    haystacks = {"log": caplog.text, **{f"answer {i}": a for i, a in enumerate(answers)}}
    for path in list(home.rglob("*")) + list(tmp_path.rglob("*")):
        if path.is_file():
            haystacks[str(path)] = path.read_bytes().decode("latin-1")
    for where, text in haystacks.items():
        for secret in secrets:
            assert secret not in text, f"a secret in {where}"
