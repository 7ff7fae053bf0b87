"""Exports of a record's works that other tools read: BibTeX, RIS and CSV.

:mod:`~claimdesk.exports.entry` says what an exported work holds (from the group's preferred
version and, when fetched, the full work with its contributors); one module per format renders
it. Pure functions, no I/O: :mod:`claimdesk.workflows.export` fetches and writes.
"""
