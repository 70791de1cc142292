"""Vietnamese text folding and slugs, shared by search, slugs and matching."""
import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text):
    """Lower-case, strip every diacritic (đ/Đ included) and collapse to words.

    Unicode NFD decomposes every Vietnamese letter but đ/Đ, which are replaced first:
    "Lụa Vạn Phúc, đồ gỗ!" -> "lua van phuc do go".
    """
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped.lower()).strip()


def slugify(text):
    """A URL slug from any Vietnamese or English text: "Bát Tràng" -> "bat-trang"."""
    return fold(text).replace(" ", "-") or "item"


_MARKED_WORD = re.compile(r"[^\W_]+")
_stemmers = threading.local()  # a Snowball stemmer keeps state while it works: one per thread


def marked_words(text):
    """Lower-case words with their diacritics kept (NFC): "Lụa Vạn Phúc, đồ gỗ!" -> ["lụa", "vạn", "phúc", "đồ", "gỗ"].

    What ranking compares when a query has diacritics: "lụa" (silk) and "lúa" (rice) fold alike.
    """
    if not text:
        return []
    return _MARKED_WORD.findall(unicodedata.normalize("NFC", text).lower())


@lru_cache(maxsize=50_000)
def stem(word):
    """The English Snowball (Porter 2) stem of a folded word: "vases" -> "vase", "glazed" -> "glaze".

    Folded Vietnamese syllables come back unchanged (none ends in an English suffix the
    algorithm removes), so every word of a listing or a query can go through it.
    """
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        stemmer = _stemmers.english = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)
