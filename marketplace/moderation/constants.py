"""Moderation's fixed lists and limits."""
from flask_babel import lazy_gettext as _l

REASON_MAX = 1000  # characters of a staff reason (shown to the producer or user concerned)
REPORT_TEXT_MAX = 2000  # characters of a report's description
REPORTS_PER_PAGE = 25
LOG_PER_PAGE = 50
OCOP_REMINDER_DAYS = 30  # a producer is reminded this many days before its OCOP certificate expires

# What a report is about.
SUBJECT_LISTING = "listing"
SUBJECT_PRODUCER = "producer"
SUBJECT_MARK = "mark"  # a product's collective-mark label, reported from /verify/<code>
SUBJECT_REVIEW = "review"  # a buyer's review of a product
SUBJECTS = {SUBJECT_LISTING: _l("A product"), SUBJECT_PRODUCER: _l("A producer"),
            SUBJECT_MARK: _l("A product's label (its verification code)"), SUBJECT_REVIEW: _l("A review")}

# Why someone reports.
CATEGORIES = {
    "counterfeit": _l("Fake or counterfeit (mark or origin)"),
    "misleading": _l("Misleading description or pictures"),
    "prohibited": _l("Prohibited or dangerous item"),
    "fraud": _l("Fraud or scam"),
    "offensive": _l("Offensive content"),
    "other": _l("Something else"),
}
