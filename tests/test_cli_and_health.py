"""The command line and the health check."""
from flask_babel import gettext

from marketplace.accounts.models import Role, User
from tests.factories import UserFactory


def test_create_staff_makes_a_staff_account_that_can_log_in(app, db):
    """Does `flask create-staff` create a staff account whose password works?"""
    result = app.test_cli_runner().invoke(args=["create-staff", "--email", "Admin@LangNghe.vn", "--password", "rất-bí-mật-123"])
    assert result.exit_code == 0, result.output
    assert "staff account ready: admin@langnghe.vn" in result.output
    user = db.session.query(User).one()
    assert (user.email, user.role, user.check_password("rất-bí-mật-123")) == ("admin@langnghe.vn", Role.STAFF, True)


def test_create_staff_promotes_an_existing_account(app, db):
    """Does create-staff on an existing e-mail promote it instead of failing?"""
    UserFactory(email="lan@example.vn", role=Role.BUYER)
    result = app.test_cli_runner().invoke(args=["create-staff", "--email", "lan@example.vn", "--password", "một-mật-khẩu-dài"])
    assert result.exit_code == 0
    assert db.session.query(User).one().role == Role.STAFF


def test_create_staff_refuses_a_short_password(app, db):
    """Is a short staff password refused with a message and no account?"""
    result = app.test_cli_runner().invoke(args=["create-staff", "--email", "a@b.vn", "--password", "short"])
    assert result.exit_code != 0
    assert gettext("Use at least 12 characters.") in result.output  # in the default language, Vietnamese
    assert db.session.query(User).count() == 0


def test_healthz_answers_503_when_the_broker_is_down(make_app):
    """With the broker unreachable, does /healthz say so with 503?"""
    app = make_app(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
    with app.app_context():
        response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "ok"
    assert response.json["broker"].startswith("error")
    assert response.json["status"] == "degraded"
