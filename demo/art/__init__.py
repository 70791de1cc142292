"""Product illustrations for the demo catalogue, drawn with Pillow alone.

Each picture is a small still life: a soft studio backdrop, a shadow, and one craft's object
(a glazed vase, draped silk, a hoop of embroidery, gold on black lacquer, a woven basket…).
Everything is drawn at twice the final size and reduced, which is Pillow's cheapest
anti-aliasing; a faint shared grain keeps flat colours from looking synthetic. The same
spec and seed always give the same picture, so reruns of the loader are deterministic.

Drawing happens outside any app or database context: ``render`` takes plain data and
returns JPEG bytes, so the loader can run it in worker threads.
"""
import io
import random

from demo.art.canvas import SIZE
from demo.art.ceramics import ceramics
from demo.art.food import food
from demo.art.lacquer import lacquer
from demo.art.metal import machinery, sheet_metal, silver
from demo.art.rattan import rattan
from demo.art.textiles import embroidery, flags, knitwear, silk
from demo.art.wood import furniture, sculpture, wood_carving

PAINTERS = {
    "ceramics": ceramics,
    "silk": silk,
    "embroidery": embroidery,
    "lacquer": lacquer,
    "rattan-bamboo": rattan,
    "wood-carving": wood_carving,
    "sculpture": sculpture,
    "furniture": furniture,
    "silver": silver,
    "sheet-metal": sheet_metal,
    "knitwear": knitwear,
    "food": food,
    "sewing": flags,
    "agricultural-machinery": machinery,
}


def render(spec, seed, index=0, quality=90):
    """JPEG bytes of picture ``index`` (0, 1, 2…) for a listing ``spec``: a dict with "craft"
    and the craft's own keys (shape, colours, motif, glaze, wood…); unknown keys are ignored."""
    rng = random.Random(f"{seed}/{index}")
    painter = PAINTERS.get(spec.get("craft"), ceramics)
    image = painter(spec, rng, index)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()
