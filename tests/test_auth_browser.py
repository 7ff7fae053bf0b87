"""The sign-in with a real headless Chromium clicking the sandbox's consent page (CDP)."""

from __future__ import annotations

import pytest
from auth_support import register_test_client
from cdp import Chromium

from claimdesk.auth.flow import LoopbackFlow
from claimdesk.auth.listener import SignInDenied, SignInTimedOut
from claimdesk.config import Settings
from claimdesk.sandbox.seeds import DEMO_NAME, DEMO_ORCID
from claimdesk.sandbox.server import Sandbox

pytestmark = pytest.mark.browser


@pytest.fixture
def settings(sandbox: Sandbox) -> Settings:
    return register_test_client(sandbox)


def test_chromium_clicking_authorize_signs_in(settings: Settings, chromium: Chromium) -> None:
    flow = LoopbackFlow(settings, timeout=20, open_browser=None)
    url = flow.start()
    try:
        chromium.navigate(url)
        chromium.wait_for("document.getElementById('authorize') !== null")
        chromium.evaluate(
            f"document.querySelector('input[name=orcid][value=\"{DEMO_ORCID}\"]').click()"
        )
        chromium.evaluate("document.getElementById('authorize').click()")
        token = flow.wait()
    finally:
        flow.cancel()
    assert (token.orcid, token.name) == (DEMO_ORCID, DEMO_NAME)
    text = chromium.wait_for("document.getElementById('message') && document.body.innerText")
    assert f"Signed in as {DEMO_NAME}" in text


def test_chromium_clicking_deny_ends_the_sign_in(settings: Settings, chromium: Chromium) -> None:
    flow = LoopbackFlow(settings, timeout=20, open_browser=None)
    chromium.navigate(flow.start())
    try:
        chromium.wait_for("document.getElementById('deny') !== null")
        chromium.evaluate("document.getElementById('deny').click()")
        with pytest.raises(SignInDenied, match="denied"):
            flow.wait()
    finally:
        flow.cancel()
    text = chromium.wait_for("document.getElementById('message') && document.body.innerText")
    assert "Access was denied" in text


def test_error_in_the_url_fragment_is_shown_by_the_page_script_and_named_at_timeout(
    settings: Settings, chromium: Chromium
) -> None:
    """ORCID sends some errors as ``redirect_uri#error=…``; the browser never sends fragments.

    Such an answer carries no state, so nothing proves it is ORCID's: the page shows it and
    the flow waits on; if nothing else comes, the timeout's message names it.
    """
    flow = LoopbackFlow(settings, timeout=6, open_browser=None)
    flow.start()
    try:
        chromium.navigate(f"{flow.redirect_uri}#error=login_required&error_description=Log+in")
        text = chromium.wait_for(
            "document.title.indexOf('ignored') >= 0 && document.body.innerText"
        )
        with pytest.raises(SignInTimedOut, match="login_required"):
            flow.wait()
    finally:
        flow.cancel()
    assert "login_required (Log in)" in text
