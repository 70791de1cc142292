"""Demo accounts, registered through the accounts services with the published demo password."""
from functools import cache

from werkzeug.security import generate_password_hash

from demo import content
from marketplace.accounts import services as accounts
from marketplace.accounts.models import Role


@cache
def _password_hash():
    """The demo password hashed once for all demo accounts (scrypt is slow on purpose; the password is public)."""
    return generate_password_hash(content.PASSWORD)


def account(email, name, role):
    """The account with this e-mail, registered with the demo password if it does not exist yet."""
    user = accounts.find_by_email(email)
    if user is not None:
        return user
    if role == Role.STAFF:
        return accounts.create_staff(email, content.PASSWORD, name)
    return accounts.register_user(email, content.PASSWORD, name, role=role, locale="vi", password_hash=_password_hash())


def ensure_people():
    """Staff, the buyer, the importer and the cooperative officer: {e-mail: user}."""
    return {person["email"]: account(person["email"], person["name"], person["role"])
            for person in content.load("accounts")["people"]}
