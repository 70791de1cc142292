""""Did you mean …": a typo corrected to the catalogue's own words, with rapidfuzz.

The vocabulary is ``search_words``: every folded word a listing's text has held, added (never
counted or removed, so a write costs one statement) when its search text is refreshed. A
word that has left the catalogue may still be offered; the caller checks that the corrected
query finds more than the typed one before showing it. Only a query that finds nothing or
little looks here, and it reads only the words about as long as its own.
"""
from rapidfuzz import fuzz, process
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from marketplace.catalog.models import SearchWord

MIN_SCORE = 75  # rapidfuzz ratio (0-100): "trangg" -> "trang" is 91, "vasse" -> "vase" 89
PREFIX_MIN = 4


def vocabulary_words(words):
    """The words worth keeping: letters in them, two to 60 characters."""
    return sorted({w for w in words if 2 <= len(w) <= 60 and not w.isdigit()})


def record(session, words):
    """Add a listing's folded words to the vocabulary (one statement; words already there are kept)."""
    rows = [{"word": w} for w in vocabulary_words(words)]
    if not rows:
        return
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(SearchWord.__table__).on_conflict_do_nothing(index_elements=["word"]), rows)


def _known(word, vocabulary):
    if word in vocabulary:
        return True
    return len(word) >= PREFIX_MIN and any(v.startswith(word) for v in vocabulary)


def correction(session, words):
    """The folded query ``words`` with each unknown word replaced by the closest known one; None
    when every word is known or none has a close neighbour."""
    if not words:
        return None
    lengths = [len(w) for w in words]
    vocabulary = set(session.scalars(select(SearchWord.word).where(
        func.length(SearchWord.word).between(min(lengths) - 2, max(lengths) + 2))))
    corrected = []
    for word in words:
        if _known(word, vocabulary):
            corrected.append(word)
            continue
        # Best score first; among equals the shorter word (the root, "vase" before "vases"), then a-z.
        matches = process.extract(word, vocabulary, scorer=fuzz.ratio, score_cutoff=MIN_SCORE, limit=10)
        best = min(matches, key=lambda m: (-m[1], len(m[0]), m[0]), default=None)
        corrected.append(best[0] if best else word)
    return " ".join(corrected) if corrected != list(words) else None
