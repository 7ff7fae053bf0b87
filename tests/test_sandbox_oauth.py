"""The sandbox's OAuth server: consent page, code flow, redirect matching, PKCE, refresh, revoke."""

from __future__ import annotations

import base64
import html
import re
import secrets
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from claimdesk.sandbox import seeds
from claimdesk.sandbox.oauth import pkce_challenge, redirect_matches
from claimdesk.sandbox.server import Sandbox

ORCID = seeds.DEMO_ORCID
REDIRECT = "http://127.0.0.1:8765/callback"
SCOPE = "/read-limited /activities/update"


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    """One browser-like client for the module (no redirects followed, connections reused)."""
    with httpx.Client(timeout=5) as client:
        yield client


def authorize_params(**extra: str) -> dict[str, str]:
    params = {
        "client_id": seeds.DEMO_CLIENT_ID,
        "response_type": "code",
        "scope": SCOPE,
        "redirect_uri": REDIRECT,
        "state": "s-" + secrets.token_hex(4),
    }
    params.update(extra)
    return params


def form_fields(page: str) -> dict[str, str]:
    """The consent form's hidden fields, as a browser would submit them."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))


def consent(
    http: httpx.Client,
    sandbox: Sandbox,
    action: str = "authorize",
    orcid: str = ORCID,
    **extra: str,
) -> dict[str, list[str]]:
    """Open the authorize page, press a button like a person would; the redirect's query."""
    page = http.get(sandbox.endpoints.authorize_url, params=authorize_params(**extra))
    assert page.status_code == 200, page.text
    assert 'id="authorize"' in page.text and 'id="deny"' in page.text
    fields = {k: html.unescape(v) for k, v in form_fields(page.text).items()}
    fields.update({"orcid": orcid, "action": action})
    answer = http.post(sandbox.endpoints.authorize_url, data=fields)
    assert answer.status_code == 302
    location = answer.headers["location"]
    assert location.startswith(extra.get("redirect_uri", REDIRECT) + "?")
    return parse_qs(urlsplit(location).query)


def exchange(http: httpx.Client, sandbox: Sandbox, code: str, **extra: str) -> httpx.Response:
    data = {
        "client_id": seeds.DEMO_CLIENT_ID,
        "client_secret": seeds.DEMO_CLIENT_SECRET,
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT,
    }
    data.update(extra)
    return http.post(f"{sandbox.base_url}/oauth/token", data=data)


def can_read(http: httpx.Client, sandbox: Sandbox, token: str, orcid: str = ORCID) -> int:
    return http.get(
        f"{sandbox.base_url}/v3.0/{orcid}/works", headers={"Authorization": f"Bearer {token}"}
    ).status_code


def test_discovery_lists_endpoints_and_pkce(http: httpx.Client, sandbox: Sandbox) -> None:
    doc = http.get(sandbox.endpoints.discovery_url).json()
    assert doc["authorization_endpoint"] == sandbox.endpoints.authorize_url
    assert doc["token_endpoint"] == sandbox.endpoints.token_url
    assert doc["revocation_endpoint"] == sandbox.endpoints.revoke_url
    assert doc["token_endpoint_auth_methods_supported"] == ["client_secret_post"]
    assert doc["code_challenge_methods_supported"] == ["S256"]
    sandbox.pkce = False
    assert (
        "code_challenge_methods_supported" not in http.get(sandbox.endpoints.discovery_url).json()
    )


def test_code_flow_through_the_consent_form_gives_a_working_token(
    http: httpx.Client, sandbox: Sandbox
) -> None:
    query = consent(http, sandbox, state="abc 123&x")
    assert query["state"] == ["abc 123&x"]
    response = exchange(http, sandbox, query["code"][0])
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["orcid"] == ORCID and body["name"] == seeds.DEMO_NAME
    assert set(body["scope"].split()) == set(SCOPE.split())
    assert body["expires_in"] > 600_000_000 and body["refresh_token"]
    assert can_read(http, sandbox, body["access_token"]) == 200


def test_researcher_chosen_on_the_page_is_the_one_signed_in(
    http: httpx.Client, sandbox: Sandbox
) -> None:
    other = seeds.OTHER_RESEARCHERS[2][0]
    body = exchange(http, sandbox, consent(http, sandbox, orcid=other)["code"][0]).json()
    assert body["orcid"] == other
    assert can_read(http, sandbox, body["access_token"], other) == 200
    assert can_read(http, sandbox, body["access_token"], ORCID) == 401


def test_deny_redirects_with_access_denied_and_state(http: httpx.Client, sandbox: Sandbox) -> None:
    query = consent(http, sandbox, action="deny", state="st")
    assert query["error"] == ["access_denied"]
    assert query["error_description"] and query["state"] == ["st"]
    assert "code" not in query


def test_consent_page_escapes_names(http: httpx.Client, sandbox: Sandbox) -> None:
    page = http.get(sandbox.endpoints.authorize_url, params=authorize_params(state='"><script>'))
    assert "O&#x27;Brien-Smith &amp; Tomás Ruiz" in page.text
    assert "<script>" not in page.text


@pytest.mark.parametrize(
    "params",
    [
        {"client_id": "APP-UNKNOWN"},
        {"redirect_uri": "http://127.0.0.1:8768/callback"},
        {"redirect_uri": "http://localhost:8765/callback"},
        {"redirect_uri": "https://127.0.0.1:8765/callback"},
        {"redirect_uri": "http://127.0.0.1:8765/other"},
        {"redirect_uri": ""},
    ],
)
def test_bad_client_or_redirect_gets_an_error_page_not_a_redirect(
    http: httpx.Client, sandbox: Sandbox, params: dict[str, str]
) -> None:
    response = http.get(sandbox.endpoints.authorize_url, params=authorize_params(**params))
    assert response.status_code == 400
    assert "location" not in response.headers
    assert response.headers["content-type"].startswith("text/html")


def test_other_errors_redirect_back_with_state(http: httpx.Client, sandbox: Sandbox) -> None:
    response = http.get(
        sandbox.endpoints.authorize_url, params=authorize_params(scope="/nonsense", state="q")
    )
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["location"]).query)
    assert query["error"] == ["invalid_scope"] and query["state"] == ["q"]


def test_redirect_matching_follows_orcids_rules() -> None:
    registered = ["http://127.0.0.1:8765/callback"]
    assert redirect_matches("http://127.0.0.1:8765/callback", registered)
    assert redirect_matches("http://127.0.0.1:8765/callback/deeper?x=1", registered)
    assert not redirect_matches("http://127.0.0.1:8765/callbackx", registered)
    assert not redirect_matches("http://127.0.0.1:8766/callback", registered)
    assert not redirect_matches("http://127.0.0.1/callback", registered)
    assert not redirect_matches("https://127.0.0.1:8765/callback", registered)
    assert not redirect_matches("http://localhost:8765/callback", registered)
    assert redirect_matches("http://127.0.0.1/anything", ["http://127.0.0.1"])
    assert redirect_matches("https://anywhere.example/x", [])


def test_code_is_single_use(http: httpx.Client, sandbox: Sandbox) -> None:
    code = consent(http, sandbox)["code"][0]
    assert exchange(http, sandbox, code).status_code == 200
    again = exchange(http, sandbox, code)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


def test_code_exchange_needs_the_same_redirect_uri(http: httpx.Client, sandbox: Sandbox) -> None:
    code = consent(http, sandbox)["code"][0]
    response = exchange(http, sandbox, code, redirect_uri="http://127.0.0.1:8766/callback")
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"


def test_code_is_bound_to_its_client(http: httpx.Client, sandbox: Sandbox) -> None:
    code = consent(http, sandbox)["code"][0]
    response = exchange(
        http,
        sandbox,
        code,
        client_id=seeds.SCOPUS_CLIENT_ID,
        client_secret=seeds.OTHER_CLIENT_SECRET,
    )
    assert response.json()["error"] == "invalid_grant"


def test_wrong_secret_is_401_invalid_client(http: httpx.Client, sandbox: Sandbox) -> None:
    response = exchange(http, sandbox, consent(http, sandbox)["code"][0], client_secret="wrong")
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"


def test_http_basic_client_authentication_works(http: httpx.Client, sandbox: Sandbox) -> None:
    code = consent(http, sandbox)["code"][0]
    basic = base64.b64encode(f"{seeds.DEMO_CLIENT_ID}:{seeds.DEMO_CLIENT_SECRET}".encode()).decode()
    response = http.post(
        sandbox.endpoints.token_url,
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert response.status_code == 200, response.text


def test_unsupported_grant_type(http: httpx.Client, sandbox: Sandbox) -> None:
    response = http.post(
        sandbox.endpoints.token_url,
        data={
            "grant_type": "password",
            "client_id": seeds.DEMO_CLIENT_ID,
            "client_secret": seeds.DEMO_CLIENT_SECRET,
        },
    )
    assert response.status_code == 400 and response.json()["error"] == "unsupported_grant_type"


def test_pkce_s256_is_verified_when_a_challenge_was_sent(
    http: httpx.Client, sandbox: Sandbox
) -> None:
    verifier = secrets.token_urlsafe(48)
    challenge = {"code_challenge": pkce_challenge(verifier), "code_challenge_method": "S256"}
    code = consent(http, sandbox, **challenge)["code"][0]
    assert exchange(http, sandbox, code).json()["error"] == "invalid_grant"
    code = consent(http, sandbox, **challenge)["code"][0]
    assert (
        exchange(http, sandbox, code, code_verifier="wrong" * 10).json()["error"] == "invalid_grant"
    )
    code = consent(http, sandbox, **challenge)["code"][0]
    assert exchange(http, sandbox, code, code_verifier=verifier).status_code == 200


def test_without_pkce_a_challenge_is_ignored(http: httpx.Client, sandbox: Sandbox) -> None:
    sandbox.pkce = False
    code = consent(
        http, sandbox, code_challenge=pkce_challenge("v" * 50), code_challenge_method="S256"
    )
    assert exchange(http, sandbox, code["code"][0]).status_code == 200


def refresh(
    http: httpx.Client, sandbox: Sandbox, refresh_token: str, **extra: str
) -> httpx.Response:
    data = {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
        "client_id": seeds.DEMO_CLIENT_ID,
        "client_secret": seeds.DEMO_CLIENT_SECRET,
    }
    data.update(extra)
    return http.post(sandbox.endpoints.token_url, data=data)


def test_refresh_gives_a_new_token_and_keeps_the_old_one_unless_told(
    http: httpx.Client, sandbox: Sandbox
) -> None:
    first = exchange(http, sandbox, consent(http, sandbox)["code"][0]).json()
    second = refresh(http, sandbox, first["refresh_token"]).json()
    assert second["access_token"] != first["access_token"] and second["orcid"] == ORCID
    assert can_read(http, sandbox, first["access_token"]) == 200
    assert can_read(http, sandbox, second["access_token"]) == 200
    third = refresh(
        http, sandbox, second["refresh_token"], revoke_old="true", scope="/read-limited"
    )
    assert third.json()["scope"] == "/read-limited"
    assert can_read(http, sandbox, second["access_token"]) == 401
    assert can_read(http, sandbox, third.json()["access_token"]) == 200


def test_client_credentials_gives_read_public_only(http: httpx.Client, sandbox: Sandbox) -> None:
    response = http.post(
        sandbox.endpoints.token_url,
        data={
            "grant_type": "client_credentials",
            "scope": "/read-public",
            "client_id": seeds.DEMO_CLIENT_ID,
            "client_secret": seeds.DEMO_CLIENT_SECRET,
        },
    )
    body = response.json()
    assert body["scope"] == "/read-public" and body["orcid"] is None
    token = body["access_token"]
    public = http.get(
        f"{sandbox.endpoints.pub}/search/",
        params={"q": f"orcid:{ORCID}"},
        headers={"Authorization": f"Bearer {token}", "Accept": "application/vnd.orcid+json"},
    )
    assert public.json()["num-found"] == 1
    write = http.post(
        f"{sandbox.endpoints.api}/{ORCID}/work",
        content=b"<x/>",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/vnd.orcid+xml"},
    )
    assert write.status_code == 403


def test_revoke_endpoint_makes_the_token_invalid(http: httpx.Client, sandbox: Sandbox) -> None:
    body = exchange(http, sandbox, consent(http, sandbox)["code"][0]).json()
    response = http.post(
        sandbox.endpoints.revoke_url,
        data={
            "client_id": seeds.DEMO_CLIENT_ID,
            "client_secret": seeds.DEMO_CLIENT_SECRET,
            "token": body["access_token"],
        },
    )
    assert response.status_code == 200
    assert can_read(http, sandbox, body["access_token"]) == 401
    assert refresh(http, sandbox, body["refresh_token"]).json()["error"] == "invalid_grant"


def test_revoke_needs_client_authentication(http: httpx.Client, sandbox: Sandbox) -> None:
    token = sandbox.issue_token(ORCID)
    response = http.post(sandbox.endpoints.revoke_url, data={"token": token})
    assert response.status_code == 401
    assert can_read(http, sandbox, token) == 200


def test_short_token_lifetime_expires(http: httpx.Client, sandbox: Sandbox) -> None:
    sandbox.token_lifetime = 0.2
    body = exchange(http, sandbox, consent(http, sandbox)["code"][0]).json()
    assert can_read(http, sandbox, body["access_token"]) == 200
    import time

    time.sleep(0.25)
    response = http.get(
        f"{sandbox.endpoints.api}/{ORCID}/works",
        headers={"Authorization": f"Bearer {body['access_token']}"},
    )
    assert response.status_code == 401 and response.json()["error"] == "invalid_token"


def test_public_client_cannot_ask_for_member_scopes(http: httpx.Client, sandbox: Sandbox) -> None:
    sandbox.register_client("APP-PUBLICCLIENT0001", "s", "Public", [REDIRECT], member=False)
    response = http.get(
        sandbox.endpoints.authorize_url,
        params=authorize_params(client_id="APP-PUBLICCLIENT0001"),
    )
    assert response.status_code == 302
    assert "error=invalid_scope" in response.headers["location"]


def test_a_client_cannot_revoke_another_clients_token(http: httpx.Client, sandbox: Sandbox) -> None:
    token = sandbox.issue_token(ORCID)
    response = http.post(
        sandbox.endpoints.revoke_url,
        data={
            "client_id": seeds.SCOPUS_CLIENT_ID,
            "client_secret": seeds.OTHER_CLIENT_SECRET,
            "token": token,
        },
    )
    assert response.status_code == 400
    assert can_read(http, sandbox, token) == 200
