"""The public data files (ORCID's annual summaries, DataCite's DOIs) as Parquet tables, and the
round trip answered from them with DuckDB: ``claimdesk dumps ingest`` and ``roundtrip --dumps``.

Needs the ``scale`` extra (duckdb, pyarrow, dask[distributed]); nothing here is imported when
the app starts.
"""
