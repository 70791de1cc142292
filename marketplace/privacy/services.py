"""Privacy: a person's own data to download, and deleting the account (Vietnam's Decree 13/2023
on personal data protection gives both rights). The domain above all others: it reads and
anonymises what every other domain keeps about a person."""
from marketplace.privacy.deletion import ANONYMOUS, DeletionRefused, blockers, delete_account
from marketplace.privacy.export import personal_data

__all__ = ["ANONYMOUS", "DeletionRefused", "blockers", "delete_account", "personal_data"]
