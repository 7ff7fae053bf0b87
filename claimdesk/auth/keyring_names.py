"""Keyrings named as their users know them, never by Python class (the Settings dialog and
messages about the keyring use these)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimdesk.auth.tokens import TokenStore

#: "(keyring.backends.SecretService.Keyring)" and the like: Python's names, not a person's.
_CLASS_PATH = re.compile(r" ?\((?:keyring|keyrings)\.[\w.]+\)")
#: What each keyring backend is, by its module, in the words its users know it by.
KEYRING_NAMES = {
    "keyring.backends.SecretService": "the desktop's Secret Service (GNOME Keyring, KWallet)",
    "keyring.backends.kwallet": "KWallet",
    "keyring.backends.macOS": "the macOS Keychain",
    "keyring.backends.Windows": "Windows Credential Manager",
    "keyring.backends.libsecret": "the desktop's Secret Service (libsecret)",
}


def keyring_name(store: TokenStore) -> str:
    """The keyring that keeps secrets, as its users know it (never a Python class name)."""
    if store.session_only:
        return "this session only (memory)"
    backend = store.backend
    module = type(backend).__module__
    if module.startswith("keyring.backends.chainer"):
        backends = getattr(backend, "backends", ()) or ()
        if backends:
            module = type(backends[0]).__module__
    for prefix, name in KEYRING_NAMES.items():
        if module.startswith(prefix):
            return name
    return _CLASS_PATH.sub("", str(getattr(backend, "name", "") or "the system keyring"))


def without_class_names(text: str) -> str:
    """``text`` without "(keyring.backends.….Keyring)" parentheses."""
    return _CLASS_PATH.sub("", text)
