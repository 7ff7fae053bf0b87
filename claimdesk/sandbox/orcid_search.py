"""The sandbox's ORCID search: which records match a Solr query, and the answer as ORCID writes it.

Queries are parsed by :mod:`claimdesk.sandbox.solr`; each term is answered from the store's
indexes (``doi-self`` → the records holding that ``self`` id), so a search costs the postings
it touches, never a scan of every record.
"""

from __future__ import annotations

import json
from functools import partial

from lxml import etree

from claimdesk.orcid.ids import normalize_external_id, normalize_orcid
from claimdesk.sandbox import solr
from claimdesk.sandbox.store import Store

_SEARCH_NS = "http://www.orcid.org/ns/search"
_COMMON_NS = "http://www.orcid.org/ns/common"


def search_orcids(store: Store, query: str) -> list[str]:
    """iDs matching a Solr query (:mod:`claimdesk.sandbox.solr`) on ``doi-self``/``<type>-self``,
    ``orcid``, ``given-names``/``family-name``/``credit-name``, in the order records were added.

    Raises QuerySyntaxError for a query Solr would refuse."""
    tree = solr.parse(query)
    found = solr.evaluate(
        tree, partial(_search_term, store), lambda: {r.orcid for r in store.researchers()}
    )
    return sorted(found, key=lambda o: (store.position(o), o))


def _search_term(store: Store, field: str, value: str) -> set[str]:
    if field == "orcid":
        orcid = normalize_orcid(value)
        return {orcid} if orcid and store.has_record(orcid) else set()
    if field.endswith("-self"):
        id_type = field[: -len("-self")]
        return set(store.orcids_with_self_id(id_type, normalize_external_id(id_type, value)))
    if field in ("given-names", "family-name", "given-and-family-names", "credit-name"):
        wanted = value.casefold()
        return {r.orcid for r in store.researchers() if wanted in r.name.casefold()}
    return set()


def search_xml(orcids: list[str], num_found: int) -> bytes:
    """``search:search`` as ORCID's search endpoint writes it."""
    nsmap = {"search": _SEARCH_NS, "common": _COMMON_NS}
    root = etree.Element(f"{{{_SEARCH_NS}}}search", nsmap=nsmap)
    root.set("num-found", str(num_found))
    for orcid in orcids:
        result = etree.SubElement(root, f"{{{_SEARCH_NS}}}result")
        ident = etree.SubElement(result, f"{{{_COMMON_NS}}}orcid-identifier")
        for name, value in _identifier(orcid).items():
            etree.SubElement(ident, f"{{{_COMMON_NS}}}{name}").text = value
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def search_json(orcids: list[str], num_found: int) -> bytes:
    """The JSON form: ``{"result": [{"orcid-identifier": {…}}], "num-found": N}``."""
    data = {
        "result": [{"orcid-identifier": _identifier(o)} for o in orcids],
        "num-found": num_found,
    }
    return json.dumps(data).encode("utf-8")


def _identifier(orcid: str) -> dict[str, str]:
    return {"uri": f"https://sandbox.orcid.org/{orcid}", "path": orcid, "host": "sandbox.orcid.org"}
