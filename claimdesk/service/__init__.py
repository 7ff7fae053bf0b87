"""The permissions service an institution runs (``claimdesk serve``; optional extra ``service``).

Researchers grant claimdesk permission once, on the institution's server; the curator then
pushes works through the service's JSON API, and auto-update pushes new DOIs as they appear.
Only :mod:`claimdesk.service.client` (the curator side's HTTP client) and
:mod:`claimdesk.service.requirements` are importable without the extra installed.
"""
