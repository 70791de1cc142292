"""Order messages: a thread per order part between the buyer and the producer's people; staff only in a dispute."""
import io

from PIL import Image
from sqlalchemy import select

from marketplace.accounts.models import ProducerMember
from marketplace.messages import services as messages
from marketplace.messages.models import PartMessage
from marketplace.notifications.models import Notification, OutboxMessage
from marketplace.orders import services as orders
from marketplace.returns import services as returns
from tests.factories import UserFactory
from tests.order_helpers import client_for, make_shop, place


def _jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (40, 90, 180)).save(buffer, "JPEG")
    return buffer.getvalue()


def _shipped(shop):
    order = place(shop.buyer, (shop.a, 2))
    part = order.parts[0]
    orders.ship_part(shop.owner_a, part.id, "GHN", "GHN123456")
    return part


def test_the_buyer_and_the_producers_people_talk_and_each_is_told_in_their_language(app, db):
    """Does the buyer's message reach the owner and an officer (told in Vietnamese and English by e-mail),
    and the owner's answer reach the buyer, newest last on the page?"""
    shop = make_shop(owner_a_locale="vi")
    officer = UserFactory(role="producer", email="officer@example.vn", locale="en")
    db.session.add(ProducerMember(user_id=officer.id, producer_id=shop.a.producer_id, role=ProducerMember.OFFICER))
    db.session.commit()
    part = _shipped(shop)
    url = f"/orders/parts/{part.id}/messages"

    sent = client_for(app, shop.buyer).post(url, data={"body": "Khi nào hàng tới Hà Nội ạ?"})
    client_for(app, shop.owner_a).post(url, content_type="multipart/form-data",
                                        data={"body": "Thứ sáu nhé.", "photos": [(io.BytesIO(_jpeg()), "hop.jpg")]})
    page = client_for(app, shop.buyer).get(url).get_data(as_text=True)

    assert (sent.status_code, sent.headers["Location"]) == (303, f"{url}#latest")
    assert page.index("Khi nào hàng tới Hà Nội ạ?") < page.index("Thứ sáu nhé.")
    mails = {(m.to_email, m.subject) for m in db.session.scalars(select(OutboxMessage))
             if "message" in m.subject.lower() or "tin nhắn" in m.subject.lower()}
    assert mails == {("minhlong@example.vn", f"Tin nhắn mới về đơn hàng {part.reference}"),
                     ("officer@example.vn", f"New message about order {part.reference}"),
                     ("lan@example.vn", f"New message about order {part.reference}")}
    [with_photo] = db.session.scalars(select(PartMessage).where(PartMessage.author_id == shop.owner_a.id)).all()
    [image] = with_photo.images
    image_url = f"{url}/images/{image.id}"
    assert client_for(app, shop.buyer).get(image_url).status_code == 200
    assert client_for(app, shop.owner_b).get(image_url).status_code == 404
    assert app.test_client().get(f"/media/{image.path}").status_code == 404


def test_strangers_get_404_and_staff_403_until_a_dispute_is_open(app, db):
    """Is the thread 404 to another producer, 403 to staff (nothing written) until a return is escalated,
    then readable (not writable) by staff?"""
    shop = make_shop()
    staff = UserFactory(role="staff")
    part = _shipped(shop)
    url = f"/orders/parts/{part.id}/messages"
    client_for(app, shop.buyer).post(url, data={"body": "Xin chào"})

    stranger = client_for(app, shop.owner_b).get(url)
    before = client_for(app, staff).get(url)
    posted = client_for(app, staff).post(url, data={"body": "Nhân viên"})
    orders.confirm_receipt(shop.buyer, part.id)
    request = returns.request_return(shop.buyer, part.id, {"reason": "Vỡ", "quantities": {part.lines[0].id: "1"}})
    returns.escalate_return(shop.buyer, request.id)
    during = client_for(app, staff).get(url)
    staff_post = client_for(app, staff).post(url, data={"body": "Nhân viên"})

    assert (stranger.status_code, before.status_code, posted.status_code) == (404, 403, 403)
    assert during.status_code == 200 and "Xin chào" in during.get_data(as_text=True)
    assert staff_post.status_code == 403
    assert [m.body for m in db.session.scalars(select(PartMessage))] == ["Xin chào"]


def test_an_empty_message_is_refused_naming_the_field(app, db):
    """Is a message with neither text nor photo a 400 naming the message field, with nothing saved or sent?"""
    shop = make_shop()
    part = _shipped(shop)
    before = db.session.scalar(select(Notification.id).order_by(Notification.id.desc()).limit(1))

    response = client_for(app, shop.buyer).post(f"/orders/parts/{part.id}/messages", data={"body": "   "})

    assert response.status_code == 400
    assert "Write a message or attach a photo." in response.get_data(as_text=True)
    assert db.session.scalars(select(PartMessage)).all() == []
    assert db.session.scalar(select(Notification.id).order_by(Notification.id.desc()).limit(1)) == before


def test_an_empty_thread_says_so_and_shows_the_latest_messages_only(app, db):
    """Does a new thread show its empty state, and a long one only the latest SHOWN messages, newest last?"""
    shop = make_shop()
    part = _shipped(shop)
    empty = client_for(app, shop.buyer).get(f"/orders/parts/{part.id}/messages").get_data(as_text=True)
    for n in range(messages.SHOWN + 2):
        db.session.add(PartMessage(part_id=part.id, author_id=shop.buyer.id, body=f"tin {n}"))
    db.session.commit()

    thread = messages.thread_for(shop.buyer, part.id)
    page = client_for(app, shop.buyer).get(f"/orders/parts/{part.id}/messages").get_data(as_text=True)

    assert "No messages yet" in empty
    assert thread.total == messages.SHOWN + 2
    assert [m.body for m in thread.messages] == [f"tin {n}" for n in range(2, messages.SHOWN + 2)]
    assert f"Showing the latest {messages.SHOWN} of {messages.SHOWN + 2} messages." in page


def test_the_buyers_messages_and_returns_are_in_their_export_and_blanked_when_they_leave(app, db):
    """Does the personal-data export list the buyer's order messages and returns, and does deleting the
    account blank their words while the producer keeps the thread and the return's money?"""
    from marketplace.privacy.deletion import delete_account
    from marketplace.privacy.export import personal_data
    from marketplace.returns.models import ReturnRequest
    from tests.factories import PASSWORD

    shop = make_shop()
    part = _shipped(shop)
    orders.confirm_receipt(shop.buyer, part.id)
    messages.post_message(shop.buyer, part.id, {"body": "Bình đẹp quá"})
    request = returns.request_return(shop.buyer, part.id, {"reason": "Nứt", "quantities": {part.lines[0].id: "1"}})

    data = personal_data(shop.buyer)
    delete_account(shop.buyer, {"password": PASSWORD})

    assert [m["body"] for m in data["order_messages"]] == ["Bình đẹp quá"]
    assert [(r["order_part"], r["status"], r["reason"]) for r in data["returns"]] == [(part.id, "requested", "Nứt")]
    db.session.expire_all()
    assert [m.body for m in db.session.scalars(select(PartMessage))] == [""]
    assert (db.session.get(ReturnRequest, request.id).reason, db.session.get(ReturnRequest, request.id).status) == (
        "", "requested")
