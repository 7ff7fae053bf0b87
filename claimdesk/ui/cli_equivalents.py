"""What each of the app's actions does, as a ``claimdesk`` command line.

The design's rule is that the GUI adds nothing the CLI cannot do. This table says, for every
menu entry, toolbar action and view button, which command does the same ("" for those that only
change what is shown: filter, expand, cancel, open a help page). A test walks the running app's
actions and checks each is here and that its command parses (tests/test_ui_cli_equivalents.py).
"""

from __future__ import annotations

#: (where, attribute) → command line. ``where`` is ``window``, ``actions`` (edit, delete,
#: export), ``works`` (the Works tab), a view's key, or ``key.panel`` for a panel a view holds
#: in its attribute ``panel``; the attribute holds the QAction/button.
EQUIVALENTS: dict[tuple[str, str], str] = {
    ("window", "refresh_action"): "works",
    ("window", "find_action"): "",  # filters what the Works tab shows
    ("window", "expand_action"): "",
    ("window", "collapse_action"): "",
    ("window", "about_action"): "--version",
    ("window", "settings_action"): "login --save-secret --client-id APP-X",
    ("window", "quit_action"): "",
    ("window", "getting_started_action"): "",  # help pages
    ("window", "shortcuts_action"): "",
    ("actions", "edit_action"): "edit 123 --title T",
    ("actions", "delete_action"): "delete 123",
    ("actions", "export_bibtex_action"): "works --bibtex FILE",
    ("actions", "export_ris_action"): "works --ris FILE",
    ("actions", "export_csv_action"): "works --csv FILE",
    ("works", "sign_in_button"): "login",
    ("works", "demo_button"): "--demo",
    ("search", "import_button"): "search --dois FILE",
    ("search", "search_button"): "search --orcid 0000-0002-1825-0097",
    ("search", "cancel_button"): "",  # Ctrl-C
    ("search", "select_button"): "",
    ("search", "clear_button"): "",
    ("search", "claim_button"): "claim 10.5555/x",
    ("history", "reload_button"): "history",
    ("history", "retry_button"): "claim --retry-failed",
    ("history", "cancel_button"): "",  # Ctrl-C
    ("public", "look_up_button"): "works --public --orcid 0000-0002-1825-0097",
    ("public", "find_button"): "search --public --orcid 0000-0002-1825-0097",
    ("public", "bibtex_button"): "search --public --orcid 0000-0002-1825-0097 --orcid-import FILE",
    ("public", "orcid_button"): "",  # opens orcid.org in the browser
    ("public", "commons_button"): "",  # opens DataCite Commons in the browser
    ("curator", "browse_button"): "",
    ("curator", "run_button"): "roundtrip --dois FILE",
    ("curator", "dumps_button"): "roundtrip --dumps DIR --dois FILE",
    ("curator", "resume_button"): "roundtrip --dois FILE --resume",
    ("curator", "cancel_button"): "",  # Ctrl-C
    ("curator", "export_csv_button"): "roundtrip --dois FILE --csv OUT",
    ("curator", "export_json_button"): "roundtrip --dois FILE --json OUT",
    ("curator", "push_button"): "push --dois FILE",
    ("curator.service_panel", "connect_button"): "grants --service https://orcid.example.edu",
    (
        "curator.service_panel",
        "push_button",
    ): "push --dois FILE --service https://orcid.example.edu",
}

#: Entries made as a menu opens, or buttons a helper of a view holds, by the start of their text.
BY_TEXT: dict[str, str] = {
    "Reconnect": "login",
    "Sign in with another ORCID iD": "login",
    "Sign out": "logout 0000-0002-1825-0097",
    "Settings": "login --save-secret --client-id APP-X",
    "Try the demo": "--demo",
    # History's answers to claims deleted on orcid.org (ui/removed_claims.py)
    "Add again": "claim --readd",
    "Leave removed": "history --leave-removed all",
}

#: A record in the Account menu: switching to it is ``--orcid`` on any command.
SWITCH_ACCOUNT = "works --orcid 0000-0002-1825-0097"


def command_for(where: str, attribute: str) -> str | None:
    """The command line doing what the action ``attribute`` of ``where`` does ("" when it only
    changes the view; None when the table does not know it)."""
    return EQUIVALENTS.get((where, attribute))


def command_for_text(text: str) -> str | None:
    """The command line for a menu entry made on the fly, by its text (None if unknown)."""
    plain = text.replace("&", "")
    return next((cmd for start, cmd in BY_TEXT.items() if plain.startswith(start)), None)
