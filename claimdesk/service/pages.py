"""The HTML a researcher sees: the grant page, the thank-you page and the error pages (pure)."""

from __future__ import annotations

from html import escape

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;"
    "line-height:1.5;color:#222}h1{font-size:1.6rem}.orcid{background:#a6ce39;color:#fff;"
    "border:0;border-radius:4px;padding:.7rem 1.2rem;font-size:1rem;cursor:pointer}"
    ".muted{color:#666;font-size:.9rem}"
)


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )


def grant_page(institution: str, logo_url: str | None, csrf: str, env_note: str) -> str:
    """What the researcher reads before going to ORCID: who asks, what will happen, the button."""
    logo = f'<img src="{escape(logo_url)}" alt="" height="48">' if logo_url else ""
    return _page(
        f"Connect your ORCID record to {institution}",
        f"{logo}<h1>Connect your ORCID record to {escape(institution)}</h1>"
        f"<p><strong>{escape(institution)}</strong> asks for permission to add the works it "
        "publishes with your name (datasets, software, articles with a DOI) to your ORCID "
        "record, now and whenever a new one appears.</p>"
        "<ul><li>It only <strong>adds</strong> works, each with the institution as source.</li>"
        "<li>It never edits or deletes works that you or anyone else added.</li>"
        "<li>You can withdraw the permission at any time on orcid.org, under "
        "<em>Account settings → Trusted parties</em>.</li></ul>"
        '<form method="post" action="grant">'
        f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
        '<button class="orcid" type="submit" id="continue">Continue to ORCID</button></form>'
        f'<p class="muted">You sign in on ORCID\'s own site; this service never sees your '
        f"password. {escape(env_note)}</p>",
    )


def thanks_page(institution: str, name: str | None, orcid: str, backfill: bool) -> str:
    """After a successful grant: thanks, and what happens next."""
    who = escape(name) if name else escape(orcid)
    later = (
        "The works already published with your iD are being added now; new ones will follow "
        "automatically as they are published."
        if backfill
        else "New works will be added as they are published."
    )
    return _page(
        "Thank you",
        f'<h1 id="result">Thank you, {who}</h1>'
        f"<p>{escape(institution)} may now add works to the ORCID record "
        f"<code>{escape(orcid)}</code>. {later}</p>"
        "<p>You can close this page. To withdraw the permission, remove the institution under "
        "<em>Trusted parties</em> in your ORCID account settings.</p>",
    )


def problem_page(title: str, message: str, *, retry: bool = True) -> str:
    """A grant that did not happen: what went wrong and that nothing was stored."""
    again = '<p><a href="grant" id="again">Start again</a></p>' if retry else ""
    return _page(
        title,
        f'<h1 id="result">{escape(title)}</h1><p id="message">{escape(message)}</p>'
        "<p>Nothing was stored.</p>" + again,
    )
