"""Building the model from decoded ORCID JSON shapes: each distinct piece once per message.

msgspec has already checked every field's type; what is left is ORCID's wrapping
(``{"value": …}``), epoch-millisecond timestamps, numbers sent as strings, and values of the
right type that still cannot be used (a year "n.d.", an identifier without a type), which are
left out and counted in :class:`~claimdesk.orcid.dropped.Dropped`. A record's works share few
sources and a group repeats its members' identifiers and dates: the shapes are hashable, so each
distinct one becomes a model object once and is shared, the same trick as the XML reader's memo.
"""

from __future__ import annotations

from collections.abc import Iterable

from claimdesk.orcid import model
from claimdesk.orcid.dropped import Dropped
from claimdesk.orcid.json import shapes
from claimdesk.orcid.json.dates import millis_to_iso


def _text(value: shapes.Text | str | None) -> str | None:
    """A leaf string, bare or wrapped; blank means absent."""
    if value is None:
        return None
    text = value if type(value) is str else value.value  # type: ignore[union-attr]
    if text is None:
        return None
    text = text.strip()
    return text or None


#: What an unusable id is built as (left out of the tuple), so it is memoised like the others.
_NO_ID = model.ExternalId("", "")


def _millis(value: int) -> str | None:
    try:
        return millis_to_iso(value)
    except OverflowError:
        return None  # Builder.stamp counts it


def _id_path(value: shapes.IdPath | None) -> str | None:
    if value is None:
        return None
    path = value.path.strip() if value.path else None
    if path:
        return path
    uri = value.uri.strip() if value.uri else None
    return uri.rstrip("/").rsplit("/", 1)[-1] if uri else None


class Builder:
    """Turns the shapes of one message into model objects, sharing what repeats."""

    __slots__ = ("_dates", "_dropped", "_each_id", "_ids", "_sources")

    def __init__(self, dropped: Dropped | None = None) -> None:
        self._dropped = dropped if dropped is not None else Dropped()
        self._sources: dict[shapes.Source, model.Source] = {}
        self._ids: dict[shapes.ExternalIds, tuple[model.ExternalId, ...]] = {}
        self._each_id: dict[shapes.ExternalId, model.ExternalId] = {}
        self._dates: dict[shapes.PublicationDate, model.PublicationDate | None] = {}

    # -- pieces -----------------------------------------------------------------------------

    def integer(self, value: int | str | None, what: str) -> int | None:
        """A number sent as a number or a string; one that is neither is dropped and counted."""
        if value is None or type(value) is int:
            return value
        try:
            return int(value)  # int() ignores surrounding whitespace
        except ValueError:
            if value.strip():  # type: ignore[union-attr]
                self._dropped.add(f"{what} that is not a number", value)
            return None

    def stamp(self, value: shapes.Stamp | None) -> str | None:
        """An ORCID timestamp as ISO 8601 text."""
        if value is None or value.value is None:
            return None
        raw = value.value
        if type(raw) is int:
            text = _millis(raw)
            if text is None:
                self._dropped.add("timestamp outside the years 1–9999", raw)
            return text
        return raw.strip() or None  # type: ignore[union-attr]

    def source(self, value: shapes.Source | None) -> model.Source | None:
        """Who added an item; built once per distinct source in the message."""
        if value is None:
            return None
        found = self._sources.get(value)
        if found is None:
            found = self._sources[value] = model.Source(
                client_id=_id_path(value.source_client_id),
                orcid=_id_path(value.source_orcid),
                name=_text(value.source_name),
                assertion_origin_client_id=_id_path(value.assertion_origin_client_id),
                assertion_origin_orcid=_id_path(value.assertion_origin_orcid),
                assertion_origin_name=_text(value.assertion_origin_name),
            )
        return found

    def external_ids(self, value: shapes.ExternalIds | None) -> tuple[model.ExternalId, ...]:
        """An ``external-ids`` list; built once per distinct list, each id once per distinct id."""
        if value is None:
            return ()
        found = self._ids.get(value)
        if found is not None:
            return found
        ids = []
        each = self._each_id
        for eid in value.external_id or ():
            built = each.get(eid)
            if built is None:
                built = each[eid] = self._external_id(eid)
            if built is not _NO_ID:
                ids.append(built)
        found = self._ids[value] = tuple(ids)
        return found

    def _external_id(self, eid: shapes.ExternalId) -> model.ExternalId:
        id_type = (eid.external_id_type or "").strip()
        id_value = (eid.external_id_value or "").strip()
        if not id_type or not id_value:
            what = "external id without a " + ("type" if not id_type else "value")
            self._dropped.add(what, id_value or id_type or None)
            return _NO_ID
        url, normalized = eid.external_id_url, eid.external_id_normalized
        return model.ExternalId(
            id_type,
            id_value,
            (eid.external_id_relationship or "").strip() or None,
            _text(url) if url is not None else None,
            _text(normalized) if normalized is not None else None,
        )

    def publication_date(
        self, value: shapes.PublicationDate | None
    ) -> model.PublicationDate | None:
        """Year, month and day; None when none of them is known."""
        if value is None:
            return None
        if value in self._dates:
            return self._dates[value]
        parts = [
            None if part is None else self.integer(part.value, "publication " + name)
            for part, name in ((value.year, "year"), (value.month, "month"), (value.day, "day"))
        ]
        date = None if parts == [None, None, None] else model.PublicationDate(*parts)
        self._dates[value] = date
        return date

    # -- messages ---------------------------------------------------------------------------

    def summary(self, value: shapes.WorkSummary) -> model.WorkSummary:
        """One version of a work as listed in a works section."""
        # A record has up to 10,000 of these: the common cases are tested inline (a put-code
        # that is a number, a millisecond timestamp, a memoised source) before any call.
        title = value.title
        text = title.title.value if title is not None and title.title is not None else None
        put_code = value.put_code
        if put_code is not None and type(put_code) is not int:
            put_code = self.integer(put_code, "put-code")
        index = value.display_index
        if type(index) is not int:
            index = self.integer(index, "display-index")
        assert not isinstance(put_code, str) and not isinstance(index, str)  # for mypy
        created = value.created_date
        raw = created.value if created is not None else None
        created_text = _millis(raw) if type(raw) is int else None
        if created_text is None and raw is not None:
            created_text = self.stamp(created)
        modified = value.last_modified_date
        raw = modified.value if modified is not None else None
        modified_text = _millis(raw) if type(raw) is int else None
        if modified_text is None and raw is not None:
            modified_text = self.stamp(modified)
        shape = value.source
        source = None if shape is None else self._sources.get(shape) or self.source(shape)
        journal = value.journal_title
        url = value.url
        return model.WorkSummary(
            put_code=put_code,
            title=text.strip() if text else "",
            type=(value.type or "").strip(),
            external_ids=self.external_ids(value.external_ids),
            source=source,
            publication_date=self.publication_date(value.publication_date),
            journal_title=_text(journal) if journal is not None else None,
            url=_text(url) if url is not None else None,
            display_index=index or 0,
            visibility=value.visibility,
            created=created_text,
            modified=modified_text,
            path=value.path,
        )

    def works(self, value: shapes.Works) -> model.WorksSummary:
        """A record's works section, group by group."""
        return self.works_of(value.group or (), value.last_modified_date, value.path)

    def works_of(
        self, groups: Iterable[shapes.Group], modified: shapes.Stamp | None, path: str | None
    ) -> model.WorksSummary:
        """A works section from its groups (which may be decoded as they are iterated)."""
        summary = self.summary
        built = [
            model.WorkGroup(
                self.external_ids(group.external_ids),
                tuple([summary(s) for s in group.work_summary or ()]),
                self.stamp(group.last_modified_date),
            )
            for group in groups
        ]
        return model.WorksSummary(tuple(built), self.stamp(modified), _text(path))

    def work(self, value: shapes.Work) -> model.Work:
        """A full work."""
        title = value.title or shapes.Title()
        translated = title.translated_title
        translated_text = _text(translated.value) if translated is not None else None
        citation = value.citation
        citation_value = _text(citation.citation_value) if citation is not None else None
        contributors = value.contributors.contributor if value.contributors is not None else None
        return model.Work(
            put_code=self.integer(value.put_code, "put-code"),
            title=_text(title.title) or "",
            type=(value.type or "").strip(),
            external_ids=self.external_ids(value.external_ids),
            source=self.source(value.source),
            publication_date=self.publication_date(value.publication_date),
            journal_title=_text(value.journal_title),
            url=_text(value.url),
            visibility=_text(value.visibility),
            created=self.stamp(value.created_date),
            modified=self.stamp(value.last_modified_date),
            path=_text(value.path),
            subtitle=_text(title.subtitle),
            translated_title=(
                model.TranslatedTitle(translated_text, _text(translated.language_code) or "")
                if translated is not None and translated_text
                else None
            ),
            short_description=_text(value.short_description),
            citation=(
                model.Citation(
                    _text(citation.citation_type) or "formatted-unspecified", citation_value
                )
                if citation is not None and citation_value
                else None
            ),
            language_code=_text(value.language_code),
            country=_text(value.country),
            contributors=tuple(self._contributor(c) for c in contributors or ()),
        )

    def _contributor(self, value: shapes.Contributor) -> model.Contributor:
        attributes = value.contributor_attributes
        return model.Contributor(
            credit_name=_text(value.credit_name),
            orcid=_id_path(value.contributor_orcid),
            email=_text(value.contributor_email),
            role=_text(attributes.contributor_role) if attributes is not None else None,
            sequence=_text(attributes.contributor_sequence) if attributes is not None else None,
        )

    def error(self, value: shapes.Error) -> model.ErrorBody:
        """An ORCID error, or an OAuth-style one."""
        return model.ErrorBody(
            status=self.integer(value.response_code, "response-code"),
            error_code=self.integer(value.error_code, "error-code"),
            user_message=_text(value.user_message),
            developer_message=_text(value.developer_message),
            more_info=_text(value.more_info),
            error=_text(value.error),
            error_description=_text(value.error_description),
        )

    def bulk(self, value: shapes.Bulk) -> model.Bulk:
        """A bulk message: a work or an error per slot, in the order sent."""
        items: list[model.BulkItem] = []
        for slot in value.bulk or ():
            if slot.work is not None:
                items.append(self.work(slot.work))
            elif slot.error is not None:
                items.append(self.error(slot.error))
            else:
                self._dropped.add("bulk slot with neither a work nor an error")
        return model.Bulk(tuple(items))
