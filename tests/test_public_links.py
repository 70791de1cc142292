"""Links in e-mails point at PUBLIC_BASE_URL, from a request or from a worker or the CLI alike."""
from marketplace.notifications.services import public_url


def test_an_email_link_is_built_outside_a_request(make_app):
    """Can a worker or the CLI (no request, no SERVER_NAME) build an e-mail's link, as `flask demo-data` must?"""
    app = make_app(SERVER_NAME=None, PUBLIC_BASE_URL="https://langnghe.vn/")
    with app.app_context():
        assert public_url("producers.invitation", invitation_id=3) == "https://langnghe.vn/invitations/3"


def test_an_email_link_ignores_the_requests_host(make_app):
    """Does a link made during a request still use PUBLIC_BASE_URL, not the Host header a client sent?"""
    app = make_app(SERVER_NAME=None, PUBLIC_BASE_URL="https://langnghe.vn")
    with app.test_request_context("/", headers={"Host": "evil.example"}):
        assert public_url("producers.invitation", invitation_id=3) == "https://langnghe.vn/invitations/3"
