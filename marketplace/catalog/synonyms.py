"""The crafts' bilingual synonyms, kept as data (``synonyms.json``), and the query terms they expand to.

``expand(words)`` turns the words of a query, as typed, into ``Term``s: each term is one
word or a phrase found in the table ("gốm sứ", "sơn mài", "tea set") with every way a listing
may match it (``Alternative``): the words themselves and their English stem ("vases" ->
"vase"), and each member of the term's synonym groups ("pottery" -> "ceramic", "gốm", …).
The catalogue search turns terms into SQL (``catalog.search``); export matching may read
the same terms. Pure functions, no database.
"""
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from marketplace.text import fold, marked_words, stem

PREFIX_MIN = 4  # folded words this long match as prefixes; shorter ones match whole words
# A folded Vietnamese syllable: an onset, one to three vowels, a coda. Vietnamese is written one syllable
# a word, so a syllable typed is a whole word ("binh" is not the start of anything): it matches whole,
# which at 1,000,000 listings spares PostgreSQL's text index a prefix scan (the bitmap of every
# lexeme starting "binh", 100 ms for a narrow search). Longer foreign words still match as prefixes
# ("ceram" finds ceramics); their inflections are stems anyway ("rings" -> "ring").
VIETNAMESE_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")
MAX_PHRASE = 4  # the longest member of a group, in words
_DATA = Path(__file__).with_name("synonyms.json")
_FILLER = Path(__file__).with_name("stopwords.json")


class Alternative(NamedTuple):
    """One way a listing matches a term: its folded ``words`` in this order (the last one as a
    prefix when long enough, unless ``whole``), or, when ``exact`` is given, exactly those words
    with their diacritics (a Vietnamese member: "lụa" must not find "lúa", rice).

    ``whole``: an English member of a synonym group, a whole word the table names, matched as a
    whole word and by its stem ("embroidery", "embroideri"), never as the start of others: the
    reader typed another word, and only a word they typed may be a part of one. On PostgreSQL a
    prefix is a partial match in the text index, every listing of every word it starts read into a
    bitmap before the AND: the scarf and embroidery members of "khăn lụa thêu tay" made 41 ms of
    its 1,000,000-listing count, 10 ms as whole words."""

    words: tuple
    exact: tuple | None = None
    whole: bool = False


class Term(NamedTuple):
    """A query word or phrase: ``words`` folded, ``typed`` as typed (lower case, diacritics kept)."""

    words: tuple
    typed: tuple
    alternatives: tuple

    @property
    def has_diacritics(self):
        return self.typed != self.words


def _key(folded_words):
    return tuple(stem(w) for w in folded_words)


@lru_cache(maxsize=1)
def _groups():
    """[(alternatives, {key: [exact or None, …]})] read once from synonyms.json."""
    groups = []
    for group in json.loads(_DATA.read_text(encoding="utf-8"))["groups"]:
        alternatives, keys = [], {}
        for member in group.get("en", []):
            words = tuple(fold(member).split())
            short = len(words) == 1 and len(words[0]) < PREFIX_MIN  # "tin" must not find Thường Tín
            alternatives.append(Alternative(words, words if short else None, whole=not short))
            if len(words) == 1 and not short and stem(words[0]) != words[0]:
                alternatives.append(Alternative((stem(words[0]),), whole=True))
            keys.setdefault(_key(words), []).append(None)
        for member in group.get("vi", []):
            exact = tuple(marked_words(member))
            words = tuple(fold(member).split())
            alternatives.append(Alternative(words, exact))
            keys.setdefault(_key(words), []).append(exact)
        groups.append((tuple(dict.fromkeys(alternatives)), keys))
    return groups


@lru_cache(maxsize=1)
def _index():
    """Each member's stemmed key -> [(group number, exact form or None)]."""
    index = {}
    for number, (_alternatives, keys) in enumerate(_groups()):
        for key, forms in keys.items():
            index.setdefault(key, []).extend((number, form) for form in forms)
    return index


def _groups_for(words, typed):
    """The groups a span of the query belongs to. A Vietnamese member typed with diacritics
    must be typed with the same ones ("lúa" is not "lụa"); typed without, it may be either."""
    found = []
    for number, exact in _index().get(_key(words), ()):
        if exact is None or typed == words or typed == exact:
            found.append(number)
    return list(dict.fromkeys(found))


def _own(words):
    """How the query's own words match: as folded (a phrase in order), and a single word by its stem too."""
    own = [Alternative(words)]
    if len(words) == 1 and stem(words[0]) != words[0]:
        own.append(Alternative((stem(words[0]),)))
    return own


def _pairs(typed_words):
    """(folded, typed) per query word; a word that folds to several (rare scripts) keeps only the folded ones."""
    pairs = []
    for typed in typed_words:
        parts = fold(typed).split()
        pairs.extend([(parts[0], typed)] if len(parts) == 1 else [(p, p) for p in parts])
    return pairs


def expand(words):
    """The terms of a query given its words as typed ("Gốm", "sứ", "vases"): the longest phrase
    of a synonym group at each place first ("gốm sứ" is one term), else the single word."""
    pairs = _pairs(words)
    groups = _groups()
    terms, i = [], 0
    while i < len(pairs):
        for length in range(min(MAX_PHRASE, len(pairs) - i), 0, -1):
            span = pairs[i:i + length]
            folded, typed = tuple(p[0] for p in span), tuple(p[1] for p in span)
            found = _groups_for(folded, typed)
            if found or length == 1:
                break
        own = _own(folded)
        # A member the query's own folded words already cover ("lua" covers "lụa") adds nothing.
        alternatives = own + [alt for number in found for alt in groups[number][0] if Alternative(alt.words) not in own]
        terms.append(Term(folded, typed, tuple(dict.fromkeys(alternatives))))
        i += length
    return terms


@lru_cache(maxsize=1)
def _phrase_keys():
    """The stemmed keys of every member of two words or more ("do go", "tea set")."""
    return frozenset(key for key in _index() if len(key) > 1)


@lru_cache(maxsize=1)
def _exact_forms():
    """Every exact form a member must be matched by ("lụa", "khăn lụa", "tin")."""
    return frozenset(alt.exact for alternatives, _keys in _groups() for alt in alternatives if alt.exact)


def phrase_lexeme(folded_words):
    """One lexeme for a phrase member, by its words' stems: "tea sets" and "tea set" are "tea_set"."""
    return "_".join(_key(folded_words))


def exact_lexeme(marked):
    """One lexeme for an exact form, marked so that no folded word or prefix reaches it: "=khăn_lụa"."""
    return "=" + "_".join(marked)


def _spans(words, longest):
    for length in range(1, longest + 1):
        for start in range(len(words) - length + 1):
            yield tuple(words[start:start + length])


def indexed_lexemes(folded_words, marked):
    """What a text holds of the table beyond its own words, as single lexemes: each phrase member
    (by its stems) and each exact form it contains. PostgreSQL's index then answers a phrase or an
    exact word like any other word, with no positions and no second look at the row."""
    phrases, exact = _phrase_keys(), _exact_forms()
    found = [phrase_lexeme(span) for span in _spans(folded_words, MAX_PHRASE)
             if len(span) > 1 and _key(span) in phrases]
    found += [exact_lexeme(span) for span in _spans(marked, MAX_PHRASE) if span in exact]
    return list(dict.fromkeys(found))


def matches_as_prefix(word):
    """True for a folded query word that also finds longer words: long enough and not a Vietnamese syllable."""
    return len(word) >= PREFIX_MIN and not VIETNAMESE_SYLLABLE.fullmatch(word)


def alternative_lexeme(alternative):
    """(lexeme, prefix) by which an alternative matches the index ``indexed_lexemes`` and a text's
    words make: an exact form's mark, a phrase's stems, or the word itself (``matches_as_prefix``)."""
    if alternative.exact:
        return exact_lexeme(alternative.exact), False
    if len(alternative.words) > 1:
        return phrase_lexeme(alternative.words), False
    word = alternative.words[0]
    return word, not alternative.whole and matches_as_prefix(word)


def vietnamese_member(folded_words):
    """True when these folded words are a Vietnamese member of a group ("khan lua", "gio"): a request
    typed without diacritics that starts with one is read as Vietnamese."""
    return any(exact is not None and exact != tuple(folded_words)
               for _number, exact in _index().get(_key(folded_words), ()))


@lru_cache(maxsize=1)
def _filler():
    data = json.loads(_FILLER.read_text(encoding="utf-8"))
    folded = frozenset(fold(w) for w in data["en"] + data["vi_folded"])
    return folded, frozenset(data["vi"])


def is_filler(term):
    """True for a one-word term that says nothing about the product (``stopwords.json``): "please",
    "handmade", "cm", "cần"; "làm" typed with its diacritics, but never "lam" (blue) without them."""
    if len(term.words) != 1:
        return False
    folded, marked = _filler()
    if term.has_diacritics:
        return term.typed[0] in marked
    return term.words[0] in folded


def query_terms(query, limit=8):
    """The terms of a query string, at most ``limit`` words of it."""
    return expand(marked_words(query)[:limit])
