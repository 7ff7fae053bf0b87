"""Sign in with ORCID: loopback OAuth flow, token store (OS keyring), accounts index, sessions.

``flow.LoopbackFlow`` signs in through the system browser; ``session.save_sign_in`` keeps the
result; ``session.open_client`` gives an ``OrcidClient`` for an account; ``session.sign_out``
revokes and forgets. Importing this package does nothing else (no I/O, no keyring access).
"""
