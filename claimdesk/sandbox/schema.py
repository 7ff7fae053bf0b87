"""The sandbox's schema check of write bodies, as ORCID makes it when it reads one.

ORCID validates the body of ``POST /work`` and ``PUT /work/{put-code}`` against
``work-3.0.xsd`` while reading it and answers 400/9012 with the validator's message (an XML body)
or 400/9047 (a JSON body, checked against the same XSD after decoding). A bulk ``POST /works``
is answered per item: a work the schema refuses gets that error in its slot, the others are
added.

Where the schemas come from: ORCID publishes them (the ``ORCID/orcid-model`` repository), and
claimdesk does not ship a copy. When ``CLAIMDESK_ORCID_SCHEMAS`` (or ``claimdesk sandbox
--schemas DIR``) names a directory holding ORCID's ``record_3.0/`` and ``common_3.0/``, bodies
are validated by lxml against ORCID's own XSDs and the message is libxml2's; the tests run this
way. Without it (the demo, the installed app) the same rules come from
:mod:`claimdesk.orcid.validate`, which writes out the schema's facets in Python.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from lxml import etree

from claimdesk.errors import ConfigError
from claimdesk.orcid import xml as orcid_xml
from claimdesk.orcid.model import ErrorBody, Work
from claimdesk.orcid.validate import schema_problems
from claimdesk.sandbox.refusals import orcid_error

#: The directory of ORCID's schemas (``record_3.0/`` and ``common_3.0/`` inside it).
SCHEMAS_ENV = "CLAIMDESK_ORCID_SCHEMAS"
#: ORCID's codes for a body its schema refuses: read as XML, or decoded from JSON.
XML_SCHEMA_ERROR = 9012
JSON_SCHEMA_ERROR = 9047

_WORK = f"{{{orcid_xml.NS_WORK}}}work"
_cache: dict[Path, etree.XMLSchema] = {}
_cache_lock = threading.Lock()


def load_work_schema(directory: Path) -> etree.XMLSchema:
    """ORCID's ``work-3.0.xsd`` from ``directory`` (loaded once per process); ConfigError if absent."""
    path = (directory / "record_3.0" / "work-3.0.xsd").resolve()
    with _cache_lock:
        schema = _cache.get(path)
        if schema is None:
            try:
                schema = etree.XMLSchema(etree.parse(str(path)))
            except (OSError, etree.XMLSyntaxError, etree.XMLSchemaParseError) as err:
                raise ConfigError(
                    f"ORCID's work schema could not be loaded from {path}: {err}",
                    hint=f"point {SCHEMAS_ENV} or --schemas at a copy of ORCID's orcid-model "
                    "resources (the directory holding record_3.0/ and common_3.0/)",
                ) from None
            _cache[path] = schema
    return schema


class BodySchema:
    """Checks work bodies against ORCID's XSD when it was given one, else the built-in rules."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory
        self._xsd = load_work_schema(directory) if directory is not None else None

    @classmethod
    def from_environment(cls) -> BodySchema:
        """With ORCID's XSDs when ``CLAIMDESK_ORCID_SCHEMAS`` names them, else the built-in rules."""
        named = os.environ.get(SCHEMAS_ENV, "").strip()
        return cls(Path(named) if named else None)

    def describe(self) -> str:
        """Which rules apply, for the sandbox's banner and log."""
        if self.directory is None:
            return "claimdesk's built-in rules of ORCID's work schema"
        return f"ORCID's XSDs in {self.directory}"

    def work_error(
        self, work: Work, element: etree._Element | None, body_fmt: str
    ) -> ErrorBody | None:
        """ORCID's 400 for a work its schema refuses, or None when the work passes.

        ``element`` is the ``work:work`` element as received (XML bodies); JSON bodies are
        checked on the decoded ``work``, as ORCID checks them after decoding.
        """
        code = JSON_SCHEMA_ERROR if body_fmt == "json" else XML_SCHEMA_ERROR
        if self._xsd is None:
            problems = schema_problems(work)
            if not problems:
                return None
            return orcid_error(400, code, _sentence("; ".join(p.message for p in problems)))
        if element is None:
            element = etree.fromstring(orcid_xml.serialize_work(work, full=True))
        if self._xsd.validate(element):
            return None
        errors = [e.message for e in self._xsd.error_log]  # type: ignore[attr-defined]
        return orcid_error(400, code, _sentence("; ".join(errors) or "invalid work"))

    def errors(self, body: bytes, body_fmt: str | None, works: list[Work]) -> dict[int, ErrorBody]:
        """ORCID's 400 for each work of a received body (by position) the schema refuses."""
        body_fmt = body_fmt or "xml"
        elements = self.work_elements(body) if body_fmt == "xml" else []
        errors = {}
        for index, work in enumerate(works):
            element = elements[index] if index < len(elements) else None
            error = self.work_error(work, element, body_fmt)
            if error is not None:
                errors[index] = error
        return errors

    def work_elements(self, body: bytes) -> list[etree._Element]:
        """The ``work:work`` elements of an XML body: the root itself, or the items of a bulk."""
        if self._xsd is None:
            return []  # the built-in rules read the decoded works instead
        root = orcid_xml.parse_root(body)
        if root.tag == _WORK:
            return [root]
        return [child for child in root if child.tag == _WORK]


def body_schema(directory: Path | None) -> BodySchema:
    """ORCID's XSDs from ``directory``, else where ``CLAIMDESK_ORCID_SCHEMAS`` says, else the
    built-in rules."""
    return BodySchema(directory) if directory else BodySchema.from_environment()


def _sentence(text: str) -> str:
    return "Invalid incoming message: " + text.rstrip(".") + "."
