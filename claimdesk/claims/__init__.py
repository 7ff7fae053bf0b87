"""Claims: each DOI's status on an ORCID record, the claim journal, and the bulk runner.

How the pieces are used (the GUI and the CLI alike; nothing here imports Qt):

- Status (Search view): ``index = RecordIndex.build(client.read_works(), settings.client_id,
  record_orcid=orcid)`` once per record read, then ``index.status(doi, is_version=…)`` per row
  (``status.label``, ``.state``, ``.put_code``, ``.sources``); ``ClaimPolicy().offers(status)``
  says whether "select all unclaimed" picks it.
- Plan (pure): ``plan_claims([candidate_from_record(r) for r in records], index, policy)``.
- Run (worker thread): ``ClaimRunner(settings, client, ClaimJournal(), locks=ctx_locks).run(plan,
  on_progress=…, cancel=threading.Event())`` → ``RunResult`` (results.py); progress arrives as
  ``RunProgress`` after every request. ``runner.retry_failed()`` sends failed claims again;
  ``run(plan, readd=True)`` adds again DOIs deleted on orcid.org. ``locks`` is one
  :class:`~claimdesk.claims.locks.RecordLocks` per app: the cross-process write lock per record.
- Settle (start of the GUI, before each CLI run): ``runner.reconcile()`` settles pending claims
  once their writes cannot be in flight (reconcile.py); ``runner.check_removed()`` also notes
  claims deleted on orcid.org.
- History: ``ClaimJournal().history(env, orcid)``, ``.failed(…)``, ``.pending(…)``,
  ``.in_state(env, orcid, JournalState.REMOVED)``, ``.leave_removed(ids)``.
"""
