"""The demo catalogue's content, read from the JSON files in ``demo/data/``.

Village facts come from ``shared/reference/hanoi-craft-villages.md``; producer names, people,
prices and product titles are invented for the demo. The files are plain data: crafts,
villages, trademarks (with their associations and admins), accounts, producers, listings
(keyed by producer slug, oldest first, with drawing hints for ``demo.art``), the demo
buyer's orders, the demo importer's inquiries and the trade office that refers it. ``demo.loader``
creates them.
"""
import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


@cache
def load(name):
    """The parsed contents of ``demo/data/<name>.json`` (read once)."""
    with (DATA / f"{name}.json").open(encoding="utf-8") as file:
        return json.load(file)


PASSWORD = load("accounts")["password"]  # every demo account's, published in the README
EMAIL_DOMAIN = load("accounts")["email_domain"]


def email(local):
    return f"{local}@{EMAIL_DOMAIN}"
