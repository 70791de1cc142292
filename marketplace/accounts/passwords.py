"""What a new password must be, and why not when it is refused, in the reader's language.

Strength is zxcvbn's estimate (Dropbox's, shipped with its lists of common passwords, words,
names and keyboard patterns: nothing is fetched at run time). Its own feedback is English
only, so the reason is chosen here from the pattern that made the password guessable.
"""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from zxcvbn import zxcvbn

MIN_PASSWORD_LENGTH = 12
# Bounds the hashing and the strength estimate's work (a 100,000-character password is an attack, not a secret).
MAX_PASSWORD_LENGTH = 128
# zxcvbn's score from 0 to 4; 3 is "safely unguessable" (about 10^8 guesses or more).
MIN_STRENGTH = 3
# Words anyone guessing a password here would try first.
_SITE_WORDS = ("langnghe", "lang nghe", "làng nghề", "langnghemarket", "market")


# Why a password is guessable, by the zxcvbn pattern of its easiest part.
_PATTERN_REASONS = {
    "user_inputs": _l("It contains your name, your e-mail address or the site's name."),
    "dictionary": _l("It is a common password, word or name, or close to one."),
    "repeat": _l("It repeats characters or words, like “aaaa” or “abcabc”."),
    "sequence": _l("It is a sequence, like “abcd” or “1234”."),
    "spatial": _l("It is a pattern of neighbouring keys, like “qwerty”."),
    "date": _l("It is mostly a date or a year."),
    "regex": _l("It is mostly a date or a year."),
}


def _reason(match):
    """Why the part of the password that zxcvbn found easiest to guess is easy to guess."""
    pattern = match["pattern"]
    if pattern == "dictionary" and match.get("dictionary_name") == "user_inputs":
        pattern = "user_inputs"
    return str(_PATTERN_REASONS.get(pattern, _l("It is too simple.")))


def password_problem(password, user_inputs=()):
    """Why ``password`` cannot be used (a sentence for the user), or None when it can.

    ``user_inputs`` are the account's own words (e-mail, name), which make a password weak.
    """
    password = password or ""
    if len(password) < MIN_PASSWORD_LENGTH:
        return _("Use at least 12 characters.")
    if len(password) > MAX_PASSWORD_LENGTH:
        return _("Use at most %(count)s characters.", count=MAX_PASSWORD_LENGTH)
    words = [word for value in user_inputs if value for word in (value, *value.replace("@", " ").split())]
    result = zxcvbn(password, user_inputs=[*words, *_SITE_WORDS], max_length=MAX_PASSWORD_LENGTH)
    if result["score"] >= MIN_STRENGTH:
        return None
    weakest = max(result["sequence"], key=lambda match: len(match["token"]))
    advice = _("A few unrelated words make a password that is hard to guess and easy to remember.")
    return " ".join((_("This password is too easy to guess."), _reason(weakest), advice))
