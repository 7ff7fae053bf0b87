"""A work on the record that is not public: public data (the Public record view, the round
trip) cannot see it, a signed-in read can. Both say so in the same words instead of "missing on
ORCID" on one side and a bare "skipped — already on the record" on the other."""

from __future__ import annotations

from ui_support import own_work

from claimdesk.claims.plan import plan_claims
from claimdesk.claims.status import ClaimPolicy, RecordIndex
from claimdesk.config import Settings, local_endpoints
from claimdesk.orcid.model import Source
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID
from claimdesk.workflows.public_record import PublicReader

HIDDEN = "10.5555/limited.visibility.1"


def test_a_limited_work_is_on_the_record_not_public_and_push_says_so(sandbox):
    sandbox.store.add_work(
        DEMO_ORCID,
        own_work("Seen by trusted parties only", HIDDEN),
        Source(orcid=DEMO_ORCID, name="Josiah Carberry"),
        visibility="limited",
    )
    signed_in = RecordIndex.build(
        sandbox.store.works(DEMO_ORCID), DEMO_CLIENT_ID, record_orcid=DEMO_ORCID
    )
    status = signed_in.status(HIDDEN)
    assert status.on_record and status.not_public
    assert status.label == "on record, not public from Josiah Carberry"

    with PublicReader(Settings(local_endpoints(sandbox.base_url))) as reader:
        public = RecordIndex.build(reader.read(DEMO_ORCID).works, None, record_orcid=DEMO_ORCID)
    assert not public.status(HIDDEN).on_record  # what the round trip and public view see

    plan = plan_claims(
        [HIDDEN], sandbox.store.works(DEMO_ORCID), ClaimPolicy(), client_id=DEMO_CLIENT_ID
    )
    [skipped] = plan.skipped
    assert skipped.reason.startswith(
        "already on the record, not public (public data do not show it)"
    )


def test_public_works_keep_their_usual_labels(sandbox):
    index = RecordIndex.build(
        sandbox.store.works(DEMO_ORCID), DEMO_CLIENT_ID, record_orcid=DEMO_ORCID
    )
    labels = [index.status(d).label for d in sandbox.store.dois()]
    assert any(label.startswith("on record from ") for label in labels)
    public_dois = [
        d
        for g in sandbox.store.works(DEMO_ORCID)
        for s in g.summaries
        if s.visibility in (None, "public")
        for d in s.dois()
    ]
    assert public_dois and not any(index.status(d).not_public for d in public_dois)
