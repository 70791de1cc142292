"""Association admins join by a signed, expiring link e-mailed by staff or by another admin of the association."""
import pytest
from sqlalchemy import select

from marketplace.accounts.models import AssociationAdmin, Role, User
from marketplace.core.audit import Change
from marketplace.trademarks.models import AdminInvitation
from tests.factories import PASSWORD, AssociationFactory, UserFactory
from tests.mail_helpers import link_in, mails_to

NEW_PASSWORD = "gốm men lam sông Hồng"


@pytest.fixture
def association(db):
    return AssociationFactory(slug="hh-bat-trang", name="Hiệp hội Gốm sứ Bát Tràng")


def _admins(db, association):
    db.session.expire_all()
    return sorted(link.user.email for link in db.session.scalars(
        select(AssociationAdmin).where(AssociationAdmin.association_id == association.id)))


def test_a_new_person_accepts_by_creating_an_account_and_administers_the_association(db, association, login, client):
    """Does the e-mailed link let someone without an account make one, confirmed, and become the association's admin?"""
    staff = UserFactory(role=Role.STAFF, name="Nhân viên Hà", locale="en")
    login(staff).post(f"/associations/{association.id}/invitations",
                        data={"email": "Lan@HiepHoi.vn", "next": f"/staff/associations/{association.id}"})
    [mail] = mails_to("lan@hiephoi.vn")
    link = link_in(mail, "/association-invitations/")
    client.post("/logout")
    with client.session_transaction() as session:
        session["lang"] = "en"

    form = client.get(link)
    answer = client.post(link, data={"name": "Trần Thị Lan", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    lan = db.session.scalar(select(User).where(User.email == "lan@hiephoi.vn"))
    assert mail.subject == "Invitation to administer Hiệp hội Gốm sứ Bát Tràng" and "valid for 7 days" in mail.body
    assert form.status_code == 200 and "Create my account and accept" in form.get_data(as_text=True)
    assert (answer.status_code, answer.headers["Location"]) == (303, "/dashboard/association")
    assert (lan.name, lan.role, lan.email_verified) == ("Trần Thị Lan", Role.ASSOCIATION_ADMIN, True)
    assert _admins(db, association) == ["lan@hiephoi.vn"]
    assert client.get("/dashboard/association").status_code == 200  # signed in as Lan
    assert [c.action for c in db.session.scalars(select(Change).order_by(Change.id))] == ["invite", "add_admin"]
    used = client.get(link)
    assert used.status_code == 400 and "already been used or was cancelled" in used.get_data(as_text=True)


def test_an_admin_invites_another_who_logs_in_and_accepts(db, association, login):
    """May an admin invite an existing buyer, who must be signed in as the invited address to accept?"""
    admin = UserFactory(role=Role.ASSOCIATION_ADMIN, email="lan@hiephoi.vn")
    association.admins.append(AssociationAdmin(user_id=admin.id))
    db.session.commit()
    buyer = UserFactory(role=Role.BUYER, email="minh@hiephoi.vn")
    stranger = UserFactory(role=Role.BUYER, email="other@example.vn")
    login(admin).post(f"/associations/{association.id}/invitations", data={"email": "minh@hiephoi.vn"})
    link = link_in(mails_to("minh@hiephoi.vn")[-1], "/association-invitations/")

    wrong = login(stranger).post(link)
    admins_after_wrong = _admins(db, association)
    answer = login(buyer).post(link)

    assert wrong.status_code == 403 and admins_after_wrong == ["lan@hiephoi.vn"]
    assert "This invitation was sent to minh@hiephoi.vn." in wrong.get_data(as_text=True)
    assert answer.status_code == 303
    assert _admins(db, association) == ["lan@hiephoi.vn", "minh@hiephoi.vn"]
    db.session.expire_all()
    assert db.session.get(User, buyer.id).role == Role.ASSOCIATION_ADMIN


def test_someone_who_administers_nothing_cannot_invite(db, association, login):
    """Is an admin of another association answered 404, with no invitation and no e-mail?"""
    outsider = UserFactory(role=Role.ASSOCIATION_ADMIN)
    other = AssociationFactory(admin=outsider)

    login(outsider).post(f"/associations/{association.id}/invitations", data={"email": "x@example.vn"})

    assert other.id != association.id
    assert db.session.scalars(select(AdminInvitation)).all() == [] and mails_to("x@example.vn") == []


def test_a_bad_address_is_refused_and_a_current_admin_is_not_invited_again(db, association, login):
    admin = UserFactory(role=Role.ASSOCIATION_ADMIN, email="lan@hiephoi.vn")
    association.admins.append(AssociationAdmin(user_id=admin.id))
    db.session.commit()
    client = login(UserFactory(role=Role.STAFF))

    bad = client.post(f"/associations/{association.id}/invitations", data={"email": "not an address"},
                      follow_redirects=True)
    again = client.post(f"/associations/{association.id}/invitations", data={"email": "lan@hiephoi.vn"},
                        follow_redirects=True)

    assert "Invalid email address." in bad.get_data(as_text=True)
    assert "That person already administers this association." in again.get_data(as_text=True)
    assert db.session.scalars(select(AdminInvitation)).all() == []


def test_a_tampered_expired_or_cancelled_link_does_nothing(db, association, login, make_app, client):
    """Are a changed token, a cancelled invitation and an expired link refused, leaving no admin?"""
    staff = UserFactory(role=Role.STAFF)
    staff_client = login(staff)
    staff_client.post(f"/associations/{association.id}/invitations", data={"email": "lan@hiephoi.vn"})
    link = link_in(mails_to("lan@hiephoi.vn")[-1], "/association-invitations/")
    invitation = db.session.scalar(select(AdminInvitation))

    tampered = client.get(link[:-3] + "abc")
    expired = make_app(ADMIN_INVITATION_MAX_AGE=-1).test_client().get(link)
    staff_client.post(f"/association-invitations/{invitation.id}/cancel")
    cancelled = client.post(link, data={"name": "Lan", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    assert tampered.status_code == 400 and "This link is not valid." in tampered.get_data(as_text=True)
    assert expired.status_code == 400
    assert cancelled.status_code == 400 and "already been used or was cancelled" in cancelled.get_data(as_text=True)
    assert _admins(db, association) == [] and db.session.scalar(select(User).where(User.email == "lan@hiephoi.vn")) is None


def test_an_existing_account_is_asked_to_log_in_and_a_weak_password_is_refused(db, association, login, client):
    UserFactory(email="lan@hiephoi.vn", role=Role.BUYER)
    login(UserFactory(role=Role.STAFF)).post(f"/associations/{association.id}/invitations",
                                               data={"email": "lan@hiephoi.vn"})
    link = link_in(mails_to("lan@hiephoi.vn")[-1], "/association-invitations/")
    client.post("/logout")
    with client.session_transaction() as session:
        session["lang"] = "en"

    page = client.get(link).get_data(as_text=True)
    tried = client.post(link, data={"name": "Lan", "password": PASSWORD, "confirm": PASSWORD})

    assert "lan@hiephoi.vn already has an account: log in to accept." in page
    assert tried.status_code == 403 and _admins(db, association) == []
