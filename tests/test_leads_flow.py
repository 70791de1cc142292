"""The web flow of export leads: inquiry form, producer's lead and quote, accepting, permissions."""
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from marketplace.accounts import services as accounts
from marketplace.accounts.models import ApiToken, ImporterProfile, Role, User
from marketplace.leads import services as leads
from marketplace.leads.models import Inquiry, InquiryStatus, LeadMessage, LeadResponse, Match, MatchingStatus, Quote
from marketplace.notifications.models import Notification
from tests.factories import UserFactory
from tests.leads_data import ceramics_world, make_inquiry
from tests.mail_helpers import notes_of, read_as, subjects_of, verification_link


@pytest.fixture
def act_as(login):
    """``login`` that also forgets the user Flask-Login cached on the test's long-lived app context."""
    from flask import g

    def do(user):
        g.pop("_login_user", None)
        return login(user)

    return do


def _form(**changes):
    data = {"description": "Blue glaze", "quantity": "3000", "unit": "piece", "target_price_vnd": "100000",
            "destination_country": "DE", "incoterm": "FOB", "required_by": (date.today() + timedelta(days=90)).isoformat(),
            "craft": "", "ocop_stars": "", "trademark": "", "reference_listing_ids": ""}
    data.update(changes)
    return data


def _quote(**changes):
    data = {"unit_price_vnd": "95000", "quantity": "3000", "lead_time_days": "45",
            "valid_until": (date.today() + timedelta(days=30)).isoformat(), "message": "Có mẫu."}
    data.update(changes)
    return data


def test_an_importer_sends_an_inquiry_by_the_form_and_sees_the_shortlist(db, client, act_as):
    """Does the form store the inquiry and show the ranked producers with their reasons, in English?"""
    world = ceramics_world()
    act_as(world.importer)

    response = client.post("/dashboard/importer/inquiries/new", data=_form(), follow_redirects=True)

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.index("Gốm An") < html.index("Gốm Bình") and "Gốm Cúc" not in html
    assert "Monthly capacity 1,000 pieces covers 3,000 by" in html
    assert "Member of the Bát Tràng Ceramics collective mark" in html
    assert "$3.94" in html
    assert db.session.query(Inquiry).one().matching_status == MatchingStatus.DONE


def test_the_form_names_every_mistake_and_stores_nothing(db, client, act_as):
    """Does a form with a past date, unknown country and no description answer 400 with each message?"""
    world = ceramics_world()
    act_as(world.importer)

    response = client.post("/dashboard/importer/inquiries/new", data=_form(
        description="", required_by="2020-01-01", destination_country="", target_price_vnd="5"))

    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Say what you are looking for, choose a craft, or give a reference product." in html
    assert "The date must be in the future." in html
    assert db.session.query(Inquiry).count() == 0


def test_a_producer_quotes_and_the_importer_accepts_once(db, client, act_as):
    """Producer An quotes, Bình quotes, the importer accepts An's twice: one acceptance, Bình told, inquiry closed?"""
    world = ceramics_world()
    inquiry = make_inquiry(world.importer, "blue glaze", quantity=3000, target=100_000)
    leads.run_matching(inquiry.id)
    an_lead, binh_lead = (db.session.query(Match).filter_by(producer_id=p.id).one() for p in (world.an, world.binh))

    act_as(world.owners["an"])
    assert client.post(f"/dashboard/producer/leads/{an_lead.id}", data=_quote()).status_code == 302
    act_as(world.owners["binh"])
    assert client.post(f"/dashboard/producer/leads/{binh_lead.id}", data=_quote(unit_price_vnd="98000")).status_code == 302
    an_quote = db.session.query(Quote).filter_by(match_id=an_lead.id).one()

    act_as(world.importer)
    page = client.get(f"/dashboard/importer/inquiries/{inquiry.id}").get_data(as_text=True)
    assert page.count("Accept this quote") == 2
    first = client.post(f"/dashboard/importer/quotes/{an_quote.id}/accept")
    second = client.post(f"/dashboard/importer/quotes/{an_quote.id}/accept")

    assert first.status_code == second.status_code == 302
    db.session.expire_all()
    assert [q.status for q in db.session.query(Quote).order_by(Quote.id)] == ["accepted", "rejected"]
    assert db.session.get(Inquiry, inquiry.id).status == InquiryStatus.ACCEPTED
    assert db.session.query(Notification).filter_by(user_id=world.owners["an"].id, message_key="leads.accepted").count() == 1
    assert db.session.query(Notification).filter_by(user_id=world.owners["binh"].id, message_key="leads.not_chosen").count() == 1


def test_a_producer_sees_only_its_own_leads(db, client, act_as):
    """Does Bình's owner get 404 on An's lead, for the page, a quote and a decline, with nothing changed?"""
    world = ceramics_world()
    inquiry = make_inquiry(world.importer, "blue glaze", quantity=3000)
    leads.run_matching(inquiry.id)
    an_lead = db.session.query(Match).filter_by(producer_id=world.an.id).one()
    act_as(world.owners["binh"])

    assert client.get(f"/dashboard/producer/leads/{an_lead.id}").status_code == 404
    assert client.post(f"/dashboard/producer/leads/{an_lead.id}", data=_quote()).status_code == 404
    assert client.post(f"/dashboard/producer/leads/{an_lead.id}/decline").status_code == 404
    assert client.post(f"/dashboard/leads/{an_lead.id}/messages", data={"body": "hi"}).status_code == 404
    listed = client.get("/dashboard/producer/leads").get_data(as_text=True)
    assert "Gốm Bình" in listed and "Gốm An" not in listed
    db.session.expire_all()
    assert db.session.get(Match, an_lead.id).response == LeadResponse.OPEN
    assert db.session.query(Quote).count() == 0 and db.session.query(LeadMessage).count() == 0


def test_an_importer_cannot_see_or_act_on_another_importers_inquiry(db, client, act_as):
    """Does another importer get 404 on the inquiry page, close, re-match and accept, with nothing changed?"""
    world = ceramics_world()
    inquiry = make_inquiry(world.importer, "blue glaze", quantity=3000)
    leads.run_matching(inquiry.id)
    an_lead = db.session.query(Match).filter_by(producer_id=world.an.id).one()
    quote = leads.submit_quote(world.owners["an"], an_lead.id, _quote())
    act_as(UserFactory(role=Role.IMPORTER))

    assert client.get(f"/dashboard/importer/inquiries/{inquiry.id}").status_code == 404
    assert client.post(f"/dashboard/importer/inquiries/{inquiry.id}/close").status_code == 404
    assert client.post(f"/dashboard/importer/inquiries/{inquiry.id}/rematch").status_code == 404
    assert client.post(f"/dashboard/importer/quotes/{quote.id}/accept").status_code == 404
    db.session.expire_all()
    assert db.session.get(Inquiry, inquiry.id).status == InquiryStatus.OPEN
    assert db.session.get(Quote, quote.id).status == "submitted"


def test_declining_and_messages_reach_the_other_side(db, client, act_as):
    """Does a decline tell the importer, and does a message thread work both ways with notifications?"""
    world = ceramics_world()
    inquiry = make_inquiry(world.importer, "blue glaze", quantity=3000)
    leads.run_matching(inquiry.id)
    an_lead, binh_lead = (db.session.query(Match).filter_by(producer_id=p.id).one() for p in (world.an, world.binh))

    act_as(world.owners["binh"])
    client.post(f"/dashboard/producer/leads/{binh_lead.id}/decline")
    act_as(world.importer)
    client.post(f"/dashboard/leads/{an_lead.id}/messages", data={"body": "Can you send samples?"})
    act_as(world.owners["an"])
    client.post(f"/dashboard/leads/{an_lead.id}/messages", data={"body": "Yes, next week."})
    page = client.get(f"/dashboard/producer/leads/{an_lead.id}").get_data(as_text=True)

    assert "Can you send samples?" in page and "Yes, next week." in page
    db.session.expire_all()
    assert db.session.get(Match, binh_lead.id).response == LeadResponse.DECLINED
    assert subjects_of(world.importer) == ["Matching finished", "A producer declined", f"New message on inquiry #{inquiry.id}"]
    [told] = notes_of(world.owners["an"], "leads.message")
    assert read_as(told) == (f"New message on inquiry #{inquiry.id}", "Can you send samples?")


def test_closing_an_inquiry_declines_waiting_quotes(db, client, act_as):
    """Does closing mark the inquiry closed, decline the waiting quote and tell its producer?"""
    world = ceramics_world()
    inquiry = make_inquiry(world.importer, "blue glaze", quantity=3000)
    leads.run_matching(inquiry.id)
    an_lead = db.session.query(Match).filter_by(producer_id=world.an.id).one()
    leads.submit_quote(world.owners["an"], an_lead.id, _quote())
    act_as(world.importer)

    client.post(f"/dashboard/importer/inquiries/{inquiry.id}/close")

    db.session.expire_all()
    assert db.session.get(Inquiry, inquiry.id).status == InquiryStatus.CLOSED
    assert db.session.query(Quote).one().status == "rejected"
    assert db.session.query(Notification).filter_by(user_id=world.owners["an"].id, message_key="leads.closed").count() == 1


def test_the_association_sees_and_quotes_its_consortium_lead(db, client, act_as):
    """Can the association admin open its consortium lead and quote for it, and another admin not?"""
    from tests.test_leads_matching import test_consortium_of_mark_members_covers_what_no_one_can_alone as build

    build(db)
    consortium_id = db.session.query(Inquiry).one().consortium.id
    admin = db.session.query(User).filter_by(email="hoi@battrang.vn").one()
    act_as(UserFactory(role=Role.ASSOCIATION_ADMIN))
    assert client.get(f"/dashboard/association/leads/{consortium_id}").status_code == 404
    act_as(admin)

    assert "Gốm Một" in client.get(f"/dashboard/association/leads/{consortium_id}").get_data(as_text=True)
    response = client.post(f"/dashboard/association/leads/{consortium_id}", data=_quote(quantity="10000"))

    assert response.status_code == 302
    quote = db.session.query(Quote).one()
    assert (quote.consortium_id, quote.quantity, quote.supplier_name) == (consortium_id, 10_000, "Hiệp hội Gốm sứ Bát Tràng")


def test_api_tokens_are_shown_once_and_can_be_revoked(db, client, act_as):
    """Does creating a token show it once, store only its hash, and revoking stop it working?"""
    world = ceramics_world()
    act_as(world.importer)

    html = client.post("/account/api-tokens", data={"name": "ERP"}).get_data(as_text=True)

    row = db.session.query(ApiToken).one()
    token = html.split('id="new-token">')[1].split("<")[0]
    assert token.startswith("lnm_") and row.token_hash != token and row.prefix == token[:12]
    assert token not in client.get("/account/api-tokens").get_data(as_text=True)
    assert accounts.user_for_token(token).id == world.importer.id
    client.post(f"/account/api-tokens/{row.id}/revoke")
    assert accounts.user_for_token(token) is None
    other = UserFactory(role=Role.IMPORTER)
    act_as(other)
    assert client.post(f"/account/api-tokens/{row.id}/revoke").status_code == 404


def test_an_importer_keeps_a_company_profile(db, client, act_as):
    """Does the profile form save company, country and languages, and refuse an unknown country?"""
    world = ceramics_world()
    act_as(world.importer)

    bad = client.post("/dashboard/importer/profile", data={"company": "Hanse Import", "country": "XX", "languages": ["de"]})
    good = client.post("/dashboard/importer/profile", data={"company": "Hanse Import GmbH", "country": "DE",
                                                            "languages": ["de", "en"], "website": "https://hanse.example"})

    assert bad.status_code == 400
    assert good.status_code == 302
    profile = db.session.query(ImporterProfile).one()
    assert (profile.company, profile.country, profile.language_codes) == ("Hanse Import GmbH", "DE", ["de", "en"])
    assert "Hanse Import GmbH" in client.get("/dashboard/importer").get_data(as_text=True)


def test_the_sweep_requeues_inquiries_whose_matching_was_lost(make_app, db):
    """With the broker down at submit, does the inquiry stay queued, and the sweep (later) match it?"""
    from datetime import timedelta as td

    from marketplace.core.time import utcnow

    app = make_app(CELERY_BROKER_URL="redis://127.0.0.1:1/0", CELERY_TASK_ALWAYS_EAGER=False)
    with app.app_context():
        world = ceramics_world()
        inquiry = leads.create_inquiry(world.importer, {**_form(), "quantity": 3000, "target_price_vnd": 100_000})
        assert inquiry.matching_status == MatchingStatus.QUEUED  # the enqueue failed quietly; the inquiry is kept
        assert leads.requeue_waiting_inquiries() == []  # not yet overdue
        app.config["CELERY_TASK_ALWAYS_EAGER"] = True  # the worker is back: run what the sweep sends in-process
        assert leads.requeue_waiting_inquiries(now=utcnow() + td(minutes=5)) == [inquiry.id]
        db.session.expire_all()
        assert db.session.get(Inquiry, inquiry.id).matching_status == MatchingStatus.DONE


def test_an_importer_registers_and_lands_on_the_importer_dashboard(db, client):
    """Does registering as an importer open the (empty) importer dashboard?"""
    with client.session_transaction() as session:
        session["lang"] = "en"

    client.post("/register", data={"name": "Anna Becker", "email": "anna@hanse.example",
                                   "password": "a long enough pw", "confirm": "a long enough pw", "role": "importer"})
    response = client.get(verification_link("anna@hanse.example"), follow_redirects=True)

    assert response.request.path == "/dashboard/importer"
    assert "No inquiries yet" in response.get_data(as_text=True)


def test_an_expired_quote_cannot_be_accepted(db, client, act_as):
    """Is accepting a quote past its validity refused with a message, leaving the inquiry open?"""
    from marketplace.leads.models import Quote as QuoteRow

    world = ceramics_world()
    inquiry = make_inquiry(world.importer, "blue glaze", quantity=3000)
    leads.run_matching(inquiry.id)
    an_lead = db.session.query(Match).filter_by(producer_id=world.an.id).one()
    quote = leads.submit_quote(world.owners["an"], an_lead.id, _quote())
    db.session.query(QuoteRow).filter_by(id=quote.id).update({"valid_until": date.today() - timedelta(days=1)})
    db.session.commit()
    act_as(world.importer)

    page = client.post(f"/dashboard/importer/quotes/{quote.id}/accept", follow_redirects=True).get_data(as_text=True)

    assert "This quote has expired; ask the producer for a new one." in page
    db.session.expire_all()
    assert db.session.get(Inquiry, inquiry.id).status == InquiryStatus.OPEN
    assert db.session.get(QuoteRow, quote.id).status == "submitted"


def _consortium_thread(db):
    """The 10,000-bowl inquiry and its consortium led by the Bát Tràng association, which gets a second admin."""
    from marketplace.accounts.models import AssociationAdmin
    from tests.test_leads_matching import test_consortium_of_mark_members_covers_what_no_one_can_alone as build

    build(db)
    consortium = db.session.query(Inquiry).one().consortium
    second_admin = UserFactory(email="pho@battrang.vn", role=Role.ASSOCIATION_ADMIN, locale="en")
    db.session.add(AssociationAdmin(user_id=second_admin.id, association_id=consortium.association_id))
    db.session.commit()
    importer = db.session.query(User).filter_by(email="buyer@import.de").one()
    admin = db.session.query(User).filter_by(email="hoi@battrang.vn").one()
    return SimpleNamespace(id=consortium.id, inquiry_id=consortium.inquiry_id, importer=importer, admin=admin,
                           second_admin=second_admin)


def _told(db, user, subject):
    return [n.link for n in notes_of(user, "leads.message") if read_as(n)[0] == subject]


def test_the_importer_writes_to_the_consortium_and_every_association_admin_is_told_once(db, client, act_as):
    """The importer asks the consortium a question: do both admins see it on the consortium page, each told once?"""
    thread = _consortium_thread(db)
    subject = f"New message on inquiry #{thread.inquiry_id}"
    act_as(thread.importer)

    response = client.post(f"/dashboard/consortia/{thread.id}/messages", data={"body": "Can the three share one glaze?"})

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/dashboard/importer/inquiries/{thread.inquiry_id}#thread")
    assert "Can the three share one glaze?" in client.get(f"/dashboard/importer/inquiries/{thread.inquiry_id}").get_data(as_text=True)
    act_as(thread.admin)
    assert "Can the three share one glaze?" in client.get(f"/dashboard/association/leads/{thread.id}").get_data(as_text=True)
    for admin in (thread.admin, thread.second_admin):
        links = _told(db, admin, subject)
        assert len(links) == 1 and links[0].endswith(f"/dashboard/association/leads/{thread.id}")
    assert _told(db, thread.importer, subject) == []
    message = db.session.query(LeadMessage).one()
    assert (message.consortium_id, message.match_id, message.author_id) == (thread.id, None, thread.importer.id)


def test_an_association_admin_replies_and_the_importer_is_told(db, client, act_as):
    """The admin answers on the consortium page: does the importer see both messages, in order, and get told once?"""
    thread = _consortium_thread(db)
    subject = f"New message on inquiry #{thread.inquiry_id}"
    leads.post_consortium_message(thread.importer, thread.id, "Can the three share one glaze?")
    act_as(thread.admin)

    response = client.post(f"/dashboard/consortia/{thread.id}/messages", data={"body": "Yes: one glaze batch for all."})

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/dashboard/association/leads/{thread.id}#thread")
    act_as(thread.importer)
    page = client.get(f"/dashboard/importer/inquiries/{thread.inquiry_id}").get_data(as_text=True)
    assert page.index("Can the three share one glaze?") < page.index("Yes: one glaze batch for all.")
    links = _told(db, thread.importer, subject)
    assert len(links) == 1 and links[0].endswith(f"/dashboard/importer/inquiries/{thread.inquiry_id}")
    assert len(_told(db, thread.admin, subject)) == 1  # the importer's question only, not its own reply
    assert [m.author_id for m in db.session.query(LeadMessage).order_by(LeadMessage.id)] == [thread.importer.id, thread.admin.id]


def test_a_stranger_and_another_associations_admin_cannot_read_or_write_the_consortium_thread(db, client, act_as):
    """Do another importer and another association's admin get 404 reading and posting, with nothing stored or sent?"""
    from tests.factories import AssociationFactory

    thread = _consortium_thread(db)
    before = db.session.query(Notification).count()
    stranger = UserFactory(role=Role.IMPORTER)
    other_admin = UserFactory(role=Role.ASSOCIATION_ADMIN)
    AssociationFactory(name="Hiệp hội Lụa Vạn Phúc", admin=other_admin)

    act_as(stranger)
    assert client.get(f"/dashboard/importer/inquiries/{thread.inquiry_id}").status_code == 404
    assert client.post(f"/dashboard/consortia/{thread.id}/messages", data={"body": "hello"}).status_code == 404
    act_as(other_admin)
    assert client.get(f"/dashboard/association/leads/{thread.id}").status_code == 404
    assert client.post(f"/dashboard/consortia/{thread.id}/messages", data={"body": "hello"}).status_code == 404
    assert client.post("/dashboard/consortia/999999/messages", data={"body": "hello"}).status_code == 404

    assert db.session.query(LeadMessage).count() == 0
    assert db.session.query(Notification).count() == before


def test_an_empty_or_too_long_consortium_message_is_refused(db, client, act_as):
    """Are a blank and a 2,001-character message refused (400, with their message, nothing stored) and 2,000 taken?"""
    thread = _consortium_thread(db)
    before = db.session.query(Notification).count()

    act_as(thread.importer)
    blank = client.post(f"/dashboard/consortia/{thread.id}/messages", data={"body": "   "})
    act_as(thread.admin)
    long = client.post(f"/dashboard/consortia/{thread.id}/messages", data={"body": "x" * 2001})

    assert blank.status_code == long.status_code == 400
    assert "Write a message first." in blank.get_data(as_text=True)
    assert "Keep the message to 2000 characters at most." in long.get_data(as_text=True)
    assert db.session.query(LeadMessage).count() == 0
    assert db.session.query(Notification).count() == before
    assert client.post(f"/dashboard/consortia/{thread.id}/messages", data={"body": "x" * 2000}).status_code == 302
    assert db.session.query(LeadMessage).count() == 1
