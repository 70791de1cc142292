""""Did you mean …" and near misses: a typo corrected to the catalogue's own words, with rapidfuzz.

The vocabulary is ``search_words``: every folded word a listing's text has held, added (never
counted or removed, so a write costs one statement) when its search text is refreshed. A
word that has left the catalogue may still be offered; the caller checks that the corrected
query finds more than the typed one before showing it. Only a query that finds nothing or
little looks here, and it reads only the words about as long as its own. A query that finds
nothing even respelt asks for the known words near each unknown one (``neighbours``) or the two it
runs together (``splits``): its near misses, on both databases.
"""
from typing import NamedTuple

from rapidfuzz import fuzz, process
from sqlalchemy import func, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from marketplace.catalog.models import SearchWord

MIN_SCORE = 75  # rapidfuzz ratio (0-100): "trangg" -> "trang" is 91, "vasse" -> "vase" 89
NEAR_LIMIT = 5  # known words a near-miss search may ask for in place of one it does not know
LOOSE_SCORE = 60  # nearer than this, a known word may still rank near misses ("glazzzz": "glaze" 67)
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


def _vocabulary(session, words):
    """The known words about as long as ``words`` (two letters either way): one statement."""
    lengths = [len(w) for w in words]
    if not lengths:
        return set()
    return set(session.scalars(select(SearchWord.word).where(
        func.length(SearchWord.word).between(min(lengths) - 2, max(lengths) + 2))))


class Lookup:
    """What one search asks of the vocabulary for the folded query ``words``, each read once however
    often it is asked (the respelling, then the near misses): the known words about as long as the
    query's, on first use, and which unknown words run two known ones together."""

    def __init__(self, session, words):
        self.session, self.query = session, list(words)
        self._vocabulary, self._splits = None, {}

    @property
    def vocabulary(self):
        if self._vocabulary is None:
            self._vocabulary = _vocabulary(self.session, self.query)
        return self._vocabulary

    def splits(self, words):
        """``splits`` of ``words``, one statement for those not asked about before."""
        wanted = [w for w in words if w not in self._splits]
        if wanted:
            self._splits.update({w: None for w in wanted} | splits(self.session, wanted))
        return {w: self._splits[w] for w in words if self._splits[w]}


def _closest(word, vocabulary, cutoff, limit, scores=False):
    """The known words nearest ``word`` (with ``scores``: (word, score) pairs): best score first; among
    equals the shorter word (the root, "vase" before "vases"), then a-z."""
    matches = process.extract(word, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit * 2)
    best = sorted(matches, key=lambda m: (-m[1], len(m[0]), m[0]))[:limit]
    return [(m[0], m[1]) for m in best] if scores else [m[0] for m in best]


def correction(session, words, lookup=None):
    """The folded query ``words`` with each unknown word replaced by the closest known one, or by the
    two known words it runs together; None when every word is known or none has a replacement.
    ``lookup``: the search's ``Lookup`` of these words, if it has one."""
    if not words:
        return None
    lookup = lookup or Lookup(session, words)
    vocabulary = lookup.vocabulary
    closest = {word: next(iter(_closest(word, vocabulary, MIN_SCORE, 1)), None)
               for word in words if not _known(word, vocabulary)}
    split = lookup.splits([word for word, near in closest.items() if near is None])  # "crackleglaze"
    corrected = [word if word not in closest else closest[word] or " ".join(split.get(word, (word,))) for word in words]
    return " ".join(corrected) if corrected != list(words) else None


class Near(NamedTuple):
    """The known words near an unknown one: ``near`` as near as a respelling's (a near-miss search asks
    for any of them), ``loose`` further, down to LOOSE_SCORE (they only rank what the others find)."""

    near: list
    loose: list


def neighbours(lookup, words):
    """{unknown word: ``Near``} for the folded query ``words`` (``lookup``'s), at most NEAR_LIMIT words of each kind;
    the words the catalogue knows are left out. A near-miss search asks for any of the near ones
    ("khann": "khan", "khang", "khanh"), where a respelling names the best. Asked for, a word further
    than MIN_SCORE is noise: at 60, "charger" was near "chair" and "large", "kitty" near "knit"; it may
    still put "blue glaze" first among the listings that "blue glazzzz" finds by "blue"."""
    if not words:
        return {}
    vocabulary = lookup.vocabulary
    found = {}
    for word in words:
        if not _known(word, vocabulary):
            scored = _closest(word, vocabulary, LOOSE_SCORE, NEAR_LIMIT * 2, scores=True)
            found[word] = Near([w for w, score in scored if score >= MIN_SCORE][:NEAR_LIMIT],
                               [w for w, score in scored if score < MIN_SCORE][:NEAR_LIMIT])
    return found


def splits(session, words):
    """{word: (first, second)} for those of ``words`` that are two known words run together
    ("crackleglaze": "crackle", "glaze"), in one statement; the second may be the start of a known word,
    as a search term of PREFIX_MIN letters is ("glaze" of "glazed"). The most even split where there are
    several."""
    candidates = {w: [(w[:i], w[i:]) for i in range(2, len(w) - 1)] for w in words if len(w) >= 4}
    halves = sorted({half for pairs in candidates.values() for pair in pairs for half in pair})
    if not halves:
        return {}
    starts = [half for half in halves if len(half) >= PREFIX_MIN]
    known = set(session.scalars(select(SearchWord.word).where(
        or_(SearchWord.word.in_(halves), *[SearchWord.word.startswith(start, autoescape=True) for start in starts]))))
    found = {}
    for word, pairs in candidates.items():
        both = [(first, second) for first, second in pairs if first in known and _known(second, known)]
        if both:
            found[word] = max(both, key=lambda pair: (min(map(len, pair)), pair[0]))
    return found
