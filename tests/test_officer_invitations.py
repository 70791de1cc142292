"""Cooperative officers: invited by e-mail, they act for a producer only once they accept."""
import pytest
from flask import g

from marketplace.accounts.models import ProducerMember, Role, User
from marketplace.notifications.models import Notification
from marketplace.producers.models import InvitationStatus, OfficerInvitation
from tests.factories import ProducerFactory, UserFactory
from tests.mail_helpers import link_in, mails_to, read_as, verification_link


@pytest.fixture
def shop(db):
    owner = UserFactory(role=Role.PRODUCER, email="chu@gom.vn", name="Chủ xưởng", locale="en")
    return ProducerFactory(owner=owner, name="Gốm Minh Hải"), owner


def _invite(client, producer, email):
    return client.post(f"/dashboard/producer/{producer.id}/officers", data={"email": email})


def _members(db, producer):
    db.session.expire_all()
    return sorted((m.user.email, m.role) for m in db.session.query(ProducerMember).filter_by(producer_id=producer.id))


def test_inviting_answers_alike_whoever_owns_the_address(db, shop, login):
    """Do an account, an importer's account and an unknown address get the same answer, and one e-mail each?"""
    producer, owner = shop
    UserFactory(email="buyer@htx.vn", role=Role.BUYER)
    UserFactory(email="importer@hanse.example", role=Role.IMPORTER)
    client = login(owner)

    answers = {}
    for email in ("buyer@htx.vn", "importer@hanse.example", "nobody@htx.vn"):
        response = _invite(client, producer, email)
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        answers[email] = (response.status_code, response.headers["Location"],
                          f"We sent an invitation to {email}. They can act for this producer once they accept it." in page)

    assert set(answers.values()) == {(302, f"/dashboard/producer?p={producer.id}", True)}
    assert [len(mails_to(email)) for email in answers] == [1, 1, 1]
    assert [(i.email, i.status) for i in db.session.query(OfficerInvitation).order_by(OfficerInvitation.id)] == [
        (email, InvitationStatus.PENDING) for email in answers]
    assert _members(db, producer) == [("chu@gom.vn", ProducerMember.OWNER)]


def test_nothing_changes_for_the_invitee_before_accepting(db, shop, login):
    """Is an invited buyer still a buyer, with no officer link and no access, until they accept?"""
    producer, owner = shop
    buyer = UserFactory(email="buyer@htx.vn", role=Role.BUYER)
    _invite(login(owner), producer, "buyer@htx.vn")

    client = login(buyer)

    assert client.get(f"/dashboard/producer/{producer.id}/edit").status_code == 404
    db.session.refresh(buyer)
    assert buyer.role == Role.BUYER
    assert _members(db, producer) == [("chu@gom.vn", ProducerMember.OWNER)]
    [note] = db.session.query(Notification).filter_by(user_id=buyer.id).all()
    assert note.link.endswith(f"/invitations/{db.session.query(OfficerInvitation).one().id}")


def test_accepting_makes_a_buyer_an_officer_after_saying_so(db, shop, login):
    """Does the invitation page say the role changes, and accepting make the buyer a producer acting for the shop?"""
    producer, owner = shop
    buyer = UserFactory(email="buyer@htx.vn", name="Cán bộ Hòa", role=Role.BUYER)
    _invite(login(owner), producer, "buyer@htx.vn")
    invitation = db.session.query(OfficerInvitation).one()
    client = login(buyer)

    page = client.get(f"/invitations/{invitation.id}").get_data(as_text=True)
    accepted = client.post(f"/invitations/{invitation.id}/accept")

    assert "Accepting turns your buyer account into a producer account. You can still buy as before." in page
    assert (accepted.status_code, accepted.headers["Location"]) == (303, f"/dashboard/producer?p={producer.id}")
    db.session.refresh(buyer)
    assert buyer.role == Role.PRODUCER
    assert _members(db, producer) == [("buyer@htx.vn", ProducerMember.OFFICER), ("chu@gom.vn", ProducerMember.OWNER)]
    db.session.refresh(invitation)
    assert (invitation.status, invitation.answered_by_id) == (InvitationStatus.ACCEPTED, buyer.id)
    assert client.get(f"/dashboard/producer/{producer.id}/edit").status_code == 200
    told = db.session.query(Notification).filter_by(user_id=owner.id).one()
    assert read_as(told, "en")[1] == "Cán bộ Hòa accepted your invitation and can now act for Gốm Minh Hải."
    again = client.post(f"/invitations/{invitation.id}/accept", follow_redirects=True)
    assert "This invitation has already been answered." in again.get_data(as_text=True)
    assert len(_members(db, producer)) == 2


def test_declining_changes_nothing_and_cannot_be_turned_into_acceptance(db, shop, login):
    """Does declining leave the role and the producer's people as they were, and refuse a later accept?"""
    producer, owner = shop
    buyer = UserFactory(email="buyer@htx.vn", role=Role.BUYER)
    _invite(login(owner), producer, "buyer@htx.vn")
    invitation = db.session.query(OfficerInvitation).one()
    client = login(buyer)

    declined = client.post(f"/invitations/{invitation.id}/decline")
    late = client.post(f"/invitations/{invitation.id}/accept", follow_redirects=True)

    assert (declined.status_code, declined.headers["Location"]) == (303, "/invitations")
    assert "This invitation has already been answered." in late.get_data(as_text=True)
    db.session.refresh(buyer)
    db.session.refresh(invitation)
    assert (buyer.role, invitation.status) == (Role.BUYER, InvitationStatus.DECLINED)
    assert _members(db, producer) == [("chu@gom.vn", ProducerMember.OWNER)]


def test_nobody_else_can_see_or_answer_an_invitation(db, shop, login):
    """Do another account, and an unconfirmed account holding the invited address, get no say over it?"""
    producer, owner = shop
    UserFactory(email="buyer@htx.vn", role=Role.BUYER)
    _invite(login(owner), producer, "buyer@htx.vn")
    invitation = db.session.query(OfficerInvitation).one()
    other = UserFactory(email="other@htx.vn", role=Role.PRODUCER)

    client = login(other)
    statuses = [client.get(f"/invitations/{invitation.id}").status_code,
                client.post(f"/invitations/{invitation.id}/accept").status_code,
                client.post(f"/invitations/{invitation.id}/decline").status_code]
    squatter = UserFactory(email="later@htx.vn", role=Role.BUYER, email_verified=False, email_verified_at=None)
    _invite(login(owner), producer, "later@htx.vn")
    unconfirmed = db.session.query(OfficerInvitation).filter_by(email="later@htx.vn").one()
    squatting = login(squatter).post(f"/invitations/{unconfirmed.id}/accept")

    assert statuses == [404, 404, 404]
    assert db.session.query(Notification).filter_by(user_id=squatter.id).count() == 0  # the mailbox alone is told
    assert squatting.status_code == 403
    assert "Confirm your e-mail address first" in squatting.get_data(as_text=True)
    db.session.expire_all()
    assert [i.status for i in db.session.query(OfficerInvitation)] == [InvitationStatus.PENDING] * 2
    assert (db.session.get(User, squatter.id).role, db.session.get(User, other.id).role) == (Role.BUYER, Role.PRODUCER)
    assert _members(db, producer) == [("chu@gom.vn", ProducerMember.OWNER)]


def test_an_account_that_cannot_act_for_a_producer_is_told_when_accepting(db, shop, login):
    """Is an importer who accepts told that the account cannot act for a producer, with nothing changed?"""
    producer, owner = shop
    importer = UserFactory(email="importer@hanse.example", role=Role.IMPORTER)
    _invite(login(owner), producer, "importer@hanse.example")
    invitation = db.session.query(OfficerInvitation).one()

    response = login(importer).post(f"/invitations/{invitation.id}/accept", follow_redirects=True)

    assert "This account cannot act for a producer. Accept with a buyer or producer account." in response.get_data(as_text=True)
    db.session.refresh(invitation)
    assert (invitation.status, db.session.get(User, importer.id).role) == (InvitationStatus.PENDING, Role.IMPORTER)
    assert _members(db, producer) == [("chu@gom.vn", ProducerMember.OWNER)]


def test_someone_invited_without_an_account_registers_confirms_and_accepts(db, shop, login, client):
    """Can the owner of an address with no account follow the e-mail: register, confirm, then accept?"""
    producer, owner = shop
    _invite(login(owner), producer, "moi@htx.vn")
    [mail] = mails_to("moi@htx.vn")
    invitation_path = link_in(mail, "/invitations/")
    assert mail.subject == "Invitation to act for Gốm Minh Hải"  # the inviter's language: no account to ask
    g.pop("_login_user", None)
    with client.session_transaction() as session:
        session.clear()
        session["lang"] = "en"

    client.post("/register", data={"name": "Cán bộ Mới", "email": "moi@htx.vn", "password": "mật khẩu đủ dài",
                                   "confirm": "mật khẩu đủ dài", "role": "buyer"})
    client.get(verification_link("moi@htx.vn"))
    listed = client.get("/invitations").get_data(as_text=True)
    accepted = client.post(f"{invitation_path}/accept")

    assert "Invitation to act for Gốm Minh Hải" in listed
    assert accepted.status_code == 303
    assert _members(db, producer) == [("chu@gom.vn", ProducerMember.OWNER), ("moi@htx.vn", ProducerMember.OFFICER)]


def test_a_producer_cannot_invite_for_a_producer_it_does_not_act_for(db, shop, login):
    """Does inviting for another producer answer 404 and record and send nothing?"""
    producer, _owner = shop
    stranger = UserFactory(role=Role.PRODUCER)
    ProducerFactory(owner=stranger)

    response = _invite(login(stranger), producer, "buyer@htx.vn")

    assert response.status_code == 404
    assert db.session.query(OfficerInvitation).count() == 0
    assert mails_to("buyer@htx.vn") == []
