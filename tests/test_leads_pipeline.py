"""Export leads through a real Celery worker on Redis: submit by API, matches appear, producers told once."""
from datetime import date, timedelta

import pytest

from marketplace.accounts import services as accounts
from marketplace.leads.models import Inquiry, Match, MatchingStatus
from marketplace.notifications.models import Notification, OutboxMessage, OutboxStatus
from tests.conftest import wait_for
from tests.leads_data import ceramics_world

pytestmark = pytest.mark.pipeline


def test_an_api_inquiry_is_matched_by_the_worker_and_producers_are_told_once(make_app, celery_worker, tmp_path):
    """Submitted by API, is the inquiry matched by the worker, each matched producer e-mailed once, even re-run?"""
    from marketplace.extensions import db
    from marketplace.leads import services as leads

    app = make_app(**celery_worker)
    with app.app_context():
        world = ceramics_world()
        _row, token = accounts.create_api_token(world.importer, "ERP")
        client = app.test_client()

        response = client.post("/api/v1/inquiries", headers={"Authorization": f"Bearer {token}"}, json={
            "description": "blue glaze", "quantity": 3000, "unit": "piece", "target_price_vnd": 100_000,
            "destination_country": "DE", "incoterm": "FOB", "required_by": (date.today() + timedelta(days=90)).isoformat(),
        })
        assert response.status_code == 201
        assert response.json["matching_status"] == "queued"  # the web request only stores and enqueues
        inquiry_id = response.json["id"]

        def matched():
            db.session.expire_all()
            inquiry = db.session.get(Inquiry, inquiry_id)
            return inquiry if inquiry.matching_status == MatchingStatus.DONE else None

        wait_for(matched)
        detail = client.get(f"/api/v1/inquiries/{inquiry_id}", headers={"Authorization": f"Bearer {token}"}).json
        assert [(m["producer"]["name"], m["score"]) for m in detail["matches"]] == [
            ("Gốm An", 100), ("Gốm Bình", 90)]

        # The worker runs with TestingConfig, whose eager flag skips the after-commit nudge there:
        # send the outbox as the beat sweep would, through the same worker.
        from workers.tasks import deliver_outbox

        deliver_outbox.apply_async()

        def all_sent():
            db.session.expire_all()
            messages = db.session.query(OutboxMessage).all()
            return messages if len(messages) == 3 and all(m.status == OutboxStatus.SENT for m in messages) else None

        sent = wait_for(all_sent)
        assert sorted(m.to_email for m in sent) == ["an@example.vn", "binh@example.vn", "buyer@import.de"]
        assert len(list((tmp_path / "mail").glob("*.eml"))) == 3

        # Matching again (on demand) through the worker changes the matches in place and tells no one twice.
        first_run = db.session.get(Inquiry, inquiry_id).matched_at
        leads.rerun_matching(world.importer, inquiry_id)
        wait_for(lambda: matched() and matched().matched_at > first_run)
        assert db.session.query(Match).filter_by(inquiry_id=inquiry_id).count() == 2
        assert db.session.query(Notification).filter_by(message_key="leads.new").count() == 2
        assert db.session.query(OutboxMessage).count() == 3
