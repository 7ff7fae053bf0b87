"""``claimdesk convert FILE``: DataCite or Crossref JSON → the ORCID v3.0 work XML claimdesk sends.

Reads a DataCite ``/dois`` body (one DOI or a search page) or a Crossref ``/works`` body (a work
or a work list) and prints ``work:work`` for one record, ``bulk:bulk`` for several (at most 100,
ORCID's bulk limit). Exactly what a claim would POST, so it is the tool for "why did ORCID get
this title/type?". A file that is neither exits 1 with a one-line reason.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimdesk.orcid.dropped import Dropped
    from claimdesk.sources.records import DoiRecord

HELP = "convert DataCite or Crossref JSON to ORCID v3.0 work XML"


def add_convert_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk convert``."""
    parser.add_argument(
        "file", metavar="FILE", help="DataCite or Crossref API response (JSON); - for stdin"
    )


def read_records(
    body: bytes, name: str = "input", dropped: Dropped | None = None
) -> list[DoiRecord]:
    """The DOI records in a DataCite or Crossref JSON body; SourceError/MessageError if none.

    Items that are not readable records (no valid DOI, not an object) are counted in
    ``dropped``."""
    import msgspec

    from claimdesk.errors import MessageError
    from claimdesk.sources import crossref, datacite
    from claimdesk.sources.transport import describe_body

    try:
        data: Any = msgspec.json.decode(body.removeprefix(b"\xef\xbb\xbf"))
    except RecursionError as err:
        raise MessageError(f"{name} is JSON nested too deeply to be an API response") from err
    except msgspec.DecodeError as err:
        if body.lstrip()[:1] in (b"{", b"[") and "out of range" in str(err):
            raise MessageError(f"{name} holds a number too large for any field") from err
        if body.lstrip()[:1] in (b"{", b"["):
            raise MessageError(f"{name} is not JSON (broken or truncated: {err})") from err
        what = describe_body(body, None)
        raise MessageError(f"{name} is {what}, not DataCite or Crossref JSON") from err
    if isinstance(data, dict) and ("data" in data or "errors" in data):
        records = datacite.parse_response(data)
        items = data.get("data")
    elif isinstance(data, dict) and "message-type" in data:
        records = crossref.parse_response(data)
        message = data.get("message")
        items = message.get("items", message) if isinstance(message, dict) else None
    else:
        raise MessageError(f"{name} is JSON but neither a DataCite nor a Crossref API response")
    given = len(items) if isinstance(items, list) else 1
    if dropped is not None:
        for _ in range(given - len(records)):
            dropped.add("item that is not a record with a valid DOI")
    return records


def run_convert(args: argparse.Namespace) -> int:
    """Read the file, convert every record, print the XML."""
    from claimdesk.commands.input_file import read_input
    from claimdesk.commands.inspect import say_dropped
    from claimdesk.errors import MessageError
    from claimdesk.orcid.dropped import Dropped
    from claimdesk.orcid.model import BULK_MAX
    from claimdesk.orcid.xml import serialize_bulk, serialize_work
    from claimdesk.sources.convert import to_work
    from claimdesk.terminal import xml_safe

    body = read_input(args.file)
    dropped = Dropped()
    records = read_records(body, args.file, dropped)
    if not records:
        raise MessageError(f"{args.file} holds no DOI records")
    if len(records) > BULK_MAX:
        raise MessageError(
            f"{args.file} holds {len(records)} records; an ORCID bulk message takes at most "
            f"{BULK_MAX}"
        )
    works = [to_work(record) for record in records]
    xml = serialize_work(works[0]) if len(works) == 1 else serialize_bulk(works)
    sys.stdout.flush()  # text printed before stays before
    sys.stdout.buffer.write(xml_safe(xml))
    sys.stdout.buffer.flush()
    say_dropped(args.file, dropped)
    return 0
