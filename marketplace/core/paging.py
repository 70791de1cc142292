"""Page numbers from the query string, read and bounded in one place for every paginated view."""
from flask_babel import gettext as _

from marketplace.core import numbers

MAX_PAGE = 100_000  # nobody pages this deep; keeps OFFSET far inside what the database can count


def page_number(args, name="page"):
    """``args[name]`` as a page number in 1..MAX_PAGE (1 when absent); anything else is a 400 naming it."""
    return numbers.whole_number(args.get(name), _("Page"), name, 1, MAX_PAGE, default=1)


def per_page_number(args, default, maximum, name="per_page"):
    """``args[name]`` as a page size in 1..maximum (``default`` when absent); anything else is a 400 naming it."""
    return numbers.whole_number(args.get(name), _("Results per page"), name, 1, maximum, default=default)


def one_of(args, name, choices, default=""):
    """``args[name]`` when it is one of ``choices`` (a list's status tab, a filter), else ``default``."""
    value = args.get(name)
    return value if value in choices else default
