"""The studio every picture is drawn in: size, backdrops, shadows, light, and colour and geometry helpers."""
import math
import random
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

SIZE = 800  # final pixels per side
S = SIZE * 2  # drawing canvas: reduced by two at the end for smooth edges

# Studio backdrops: (wall top, wall bottom, table) colours.
BACKDROPS = (
    ((246, 238, 224), (226, 211, 188), (204, 184, 156)),  # warm paper
    ((234, 238, 229), (208, 217, 200), (180, 190, 170)),  # sage
    ((244, 231, 228), (224, 204, 198), (196, 170, 162)),  # dusty rose
    ((232, 236, 240), (204, 211, 219), (172, 180, 190)),  # pale slate
    ((247, 242, 230), (232, 220, 196), (212, 196, 166)),  # cream linen
    ((238, 230, 214), (214, 196, 166), (160, 128, 96)),  # teak table
)


# --- colour and geometry helpers ---------------------------------------------------------------


def rgb(value):
    """(r, g, b) from "#rrggbb" or an (r, g, b) tuple."""
    if isinstance(value, str):
        value = value.lstrip("#")
        return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))
    return tuple(value)


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def lighten(colour, t):
    return mix(colour, (255, 255, 255), t)


def darken(colour, t):
    return mix(colour, (0, 0, 0), t)


def jitter(colour, rng, amount=14):
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in colour)


def _rotate(points, cx, cy, angle):
    ca, sa = math.cos(angle), math.sin(angle)
    return [(cx + x * ca - y * sa, cy + x * sa + y * ca) for x, y in points]


def lens(cx, cy, length, width, angle, steps=14):
    """A leaf or petal: a pointed lens along ``angle`` starting at (cx, cy)."""
    side = [(length * t / steps, width / 2 * math.sin(math.pi * t / steps)) for t in range(steps + 1)]
    points = side + [(x, -y) for x, y in reversed(side)]
    return _rotate(points, cx, cy, angle)


def smooth(points, t):
    """A Catmull-Rom curve through (t, value) control points sorted by t."""
    for i in range(len(points) - 1):
        (t1, v1), (t2, v2) = points[i], points[i + 1]
        if t <= t2:
            v0 = points[i - 1][1] if i > 0 else v1
            v3 = points[i + 2][1] if i + 2 < len(points) else v2
            f = (t - t1) / (t2 - t1) if t2 > t1 else 0
            return 0.5 * (2 * v1 + (v2 - v0) * f + (2 * v0 - 5 * v1 + 4 * v2 - v3) * f * f + (3 * v1 - v0 - 3 * v2 + v3) * f ** 3)
    return points[-1][1]


# --- canvas: backdrop, shadow, grain ---------------------------------------------------------


@lru_cache(maxsize=16)
def _studio(palette, floor):
    """Wall and table at final size, vignetted; cached, so callers paste on a copy."""
    top, bottom, table = palette
    small = Image.new("RGB", (8, 64))
    draw = ImageDraw.Draw(small)
    horizon = int(64 * floor)
    for y in range(64):
        if y < horizon:
            colour = mix(top, bottom, y / max(1, horizon))
        else:
            colour = mix(lighten(table, 0.08), darken(table, 0.12), (y - horizon) / max(1, 64 - horizon))
        draw.line([(0, y), (7, y)], fill=colour)
    return _vignette(small.resize((SIZE, SIZE), Image.BILINEAR))


def backdrop(rng, floor=0.7, palette=None):
    """A studio backdrop for one picture (a fresh copy)."""
    return _studio(palette or rng.choice(BACKDROPS), floor).copy()


@lru_cache(maxsize=2)
def _vignette_mask(size):
    return Image.radial_gradient("L").resize(size, Image.BILINEAR).point(lambda v: max(0, v - 150) * 2)


def _vignette(image):
    """Darken the corners a little, as a studio light falls off."""
    darker = ImageChops.multiply(image, Image.new("RGB", image.size, (200, 192, 186)))
    return Image.composite(darker, image, _vignette_mask(image.size))


@lru_cache(maxsize=16)
def _field(colour, glow):
    field = ImageOps.colorize(Image.radial_gradient("L"), lighten(colour, glow), darken(colour, 0.4))
    return field.resize((SIZE, SIZE), Image.BILINEAR)


def flat_backdrop(colour, glow=0.12):
    """A plain field with a soft light in the middle (lacquer, velvet, fabric); a fresh copy."""
    return _field(rgb(colour), glow).copy()


def cast_shadow(back, box, strength=110, blur=0.025):
    """A soft contact shadow (ellipse in 1x coordinates) on the backdrop.

    Drawn small and enlarged: enlarging blurs for free.
    """
    scale = 8
    mask = Image.new("L", (SIZE // scale, SIZE // scale), 0)
    ImageDraw.Draw(mask).ellipse([v / scale for v in box], fill=strength)
    mask = mask.filter(ImageFilter.BoxBlur(max(1, int(SIZE * blur / scale))))
    back.paste((40, 30, 24), mask=mask.resize(back.size, Image.BILINEAR))


def new_canvas(back, shadow=None, **shadow_options):
    """The 2x drawing canvas from a 1x backdrop, once the object's shadow (``shadow``, its box, and
    ``cast_shadow``'s options) is cast on the backdrop."""
    if shadow is not None:
        cast_shadow(back, shadow, **shadow_options)
    canvas = back.resize((S, S), Image.NEAREST)
    return canvas, ImageDraw.Draw(canvas)


def finish_canvas(canvas):
    """Reduce the 2x canvas to the final size and lay the shared grain over it."""
    image = canvas.reduce(2) if canvas.width == S else canvas
    return ImageChops.add(image, wood_grain(), 1.0, -128)


@lru_cache(maxsize=8)
def _lit_rows(light=0.32, low=0.55, shine=70):
    """Across a round body, 256 steps from edge to edge: how it is lit, and its specular shine."""
    shade, spec = [], []
    for x in range(256):
        u = (x + 0.5) / 256 * 2 - 1
        lambert = math.sqrt(max(0.0, 1 - u * u)) * 0.85 + 0.15 - abs(u + light) * 0.12
        shade.append(int(255 * (low + (1 - low) * max(0.0, min(1.0, lambert)))))
        spec.append(int(shine * math.exp(-((u + light) / 0.1) ** 2)))
    return shade, spec


def shade_body(layer, radius_at, top, height, step=6, **light):
    """Light a round body whose half-width at layer row ``y`` is ``radius_at(y - top)``.

    The light is worked out on a grid ``step`` times coarser and enlarged, which also smooths it.
    """
    shade_row, spec_row = _lit_rows(**light)
    w, h = math.ceil(layer.width / step), math.ceil(layer.height / step)
    cx = layer.width / 2
    shade, spec = [], []
    for j in range(h):
        r = max(2.0, radius_at(min(max(j * step + step / 2 - top, 0), height)))
        for i in range(w):
            k = int(((i * step + step / 2 - cx) / r + 1) * 128)
            k = 0 if k < 0 else min(k, 255)
            shade.append(shade_row[k])
            spec.append(spec_row[k])
    small = Image.new("L", (w, h))
    small.putdata(shade)
    glint = Image.new("L", (w, h))
    glint.putdata(spec)
    small, glint = small.resize(layer.size, Image.BILINEAR), glint.resize(layer.size, Image.BILINEAR)
    lit = ImageChops.multiply(layer, Image.merge("RGB", (small,) * 3))
    return ImageChops.screen(lit, Image.merge("RGB", (glint,) * 3))


# Each draws into ``box`` (x0, y0, x1, y1) with ``paint(part)`` giving the colour of a part:
# "flower", "leaf", "stem", "accent".


WOODS = {
    "rosewood": ((96, 44, 28), (160, 84, 52)),
    "jackfruit": ((170, 112, 48), (222, 170, 96)),
    "oak": ((176, 130, 82), (222, 186, 136)),
    "walnut": ((70, 46, 32), (128, 90, 62)),
    "ironwood": ((86, 50, 34), (140, 92, 60)),
    "pine": ((204, 160, 110), (238, 208, 160)),
    "teak": ((142, 92, 46), (196, 140, 80)),
}


@lru_cache(maxsize=8)
def wood_grain(wood=None):
    """Wood grain (2x, RGB) for a wood, or the shared film grain (1x) without one."""
    if wood is None:
        return Image.effect_noise((SIZE, SIZE), 6).convert("RGB")
    dark, light = WOODS.get(wood, WOODS["teak"])
    streaks = Image.effect_noise((S // 2, 24), 70).resize((S, S), Image.BILINEAR)
    fine = Image.effect_noise((S, 40), 40).resize((S, S), Image.BILINEAR)
    grain = ImageChops.add(streaks, fine, 2.0, 0)
    texture = ImageOps.colorize(ImageOps.autocontrast(grain), dark, light)
    draw = ImageDraw.Draw(texture)
    rng = random.Random(wood)
    for _ in range(14):  # a few growth rings crossing the plank
        x = rng.uniform(0, S)
        points = [(x + 40 * math.sin(y / 160 + x), y) for y in range(0, S + 40, 40)]
        draw.line(points, fill=darken(dark, 0.15), width=rng.randint(3, 7))
    return texture
