"""The outbox: e-mails written with the change that causes them, sent once by a real worker."""
from email import message_from_bytes
from email.policy import default

import pytest

from marketplace.accounts.models import Role
from marketplace.notifications import services as notifications
from marketplace.notifications.models import Notification, OutboxMessage, OutboxStatus
from tests.conftest import wait_for
from tests.factories import AssociationFactory, ProducerFactory, TrademarkFactory, UserFactory

pytestmark = pytest.mark.pipeline


def test_an_application_reaches_the_association_by_email_through_a_real_worker(make_app, celery_worker, tmp_path):
    """Does a membership application e-mail the association admin once, via Celery on Redis?"""
    from marketplace.extensions import db
    from marketplace.trademarks import services as trademarks

    app = make_app(**celery_worker)
    with app.app_context():
        admin = UserFactory(role=Role.ASSOCIATION_ADMIN, email="hoi@battrang.vn", locale="vi")
        mark = TrademarkFactory(name_vi="Gốm sứ Bát Tràng", association=AssociationFactory(admin=admin))
        owner = UserFactory(role=Role.PRODUCER)
        producer = ProducerFactory(owner=owner, name="Gốm Hoa Lam")
        trademarks.apply_for_membership(owner, producer.id, mark.id)

        def sent():
            db.session.expire_all()
            return db.session.query(OutboxMessage).filter_by(status=OutboxStatus.SENT).all()

        messages = wait_for(sent)
        assert [m.to_email for m in messages] == ["hoi@battrang.vn"]
        files = list((tmp_path / "mail").glob("*.eml"))
        assert len(files) == 1
        email = message_from_bytes(files[0].read_bytes(), policy=default)
        assert email["To"] == "hoi@battrang.vn"
        assert "Gốm Hoa Lam" in email.get_content()
        assert db.session.query(Notification).filter_by(user_id=admin.id).count() == 1


def test_messages_written_while_the_broker_is_down_go_out_with_the_sweep(make_app, db):
    """If the broker is unreachable at commit, is the change kept and the e-mail sent by the next sweep?"""
    app = make_app(CELERY_BROKER_URL="redis://127.0.0.1:1/0", CELERY_TASK_ALWAYS_EAGER=False)
    with app.app_context():
        user = UserFactory(email="lan@example.vn")
        notifications.notify(user, "producers.approved", {"name": "Gốm Hoa Lam"})
        db.session.commit()  # the nudge fails quietly; the row is safe
        assert db.session.query(OutboxMessage).one().status == OutboxStatus.PENDING
        assert notifications.deliver_pending() == 1
        assert notifications.deliver_pending() == 0  # sent once, never twice
        assert db.session.query(OutboxMessage).one().status == OutboxStatus.SENT
