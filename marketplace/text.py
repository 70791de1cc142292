"""Vietnamese text folding and slugs, shared by search, slugs and matching."""
import re
import unicodedata

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
