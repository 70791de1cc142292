"""Accounts' fixed lists."""

# The languages a person may choose for pages, notifications and e-mails (config.LANGUAGES, as choices).
LANGUAGES = ("vi", "en")
# What the account page's language choice shows: each language by its own name.
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
