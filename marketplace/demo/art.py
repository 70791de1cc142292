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


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def _light(colour, t):
    return _mix(colour, (255, 255, 255), t)


def _dark(colour, t):
    return _mix(colour, (0, 0, 0), t)


def _jitter(colour, rng, amount=14):
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in colour)


def _rotate(points, cx, cy, angle):
    ca, sa = math.cos(angle), math.sin(angle)
    return [(cx + x * ca - y * sa, cy + x * sa + y * ca) for x, y in points]


def _lens(cx, cy, length, width, angle, steps=14):
    """A leaf or petal: a pointed lens along ``angle`` starting at (cx, cy)."""
    side = [(length * t / steps, width / 2 * math.sin(math.pi * t / steps)) for t in range(steps + 1)]
    points = side + [(x, -y) for x, y in reversed(side)]
    return _rotate(points, cx, cy, angle)


def _smooth(points, t):
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
            colour = _mix(top, bottom, y / max(1, horizon))
        else:
            colour = _mix(_light(table, 0.08), _dark(table, 0.12), (y - horizon) / max(1, 64 - horizon))
        draw.line([(0, y), (7, y)], fill=colour)
    return _vignette(small.resize((SIZE, SIZE), Image.BILINEAR))


def _backdrop(rng, floor=0.7, palette=None):
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
    field = ImageOps.colorize(Image.radial_gradient("L"), _light(colour, glow), _dark(colour, 0.4))
    return field.resize((SIZE, SIZE), Image.BILINEAR)


def _flat_backdrop(colour, glow=0.12):
    """A plain field with a soft light in the middle (lacquer, velvet, fabric); a fresh copy."""
    return _field(rgb(colour), glow).copy()


def _shadow(back, box, strength=110, blur=0.025):
    """A soft contact shadow (ellipse in 1x coordinates) on the backdrop.

    Drawn small and enlarged: enlarging blurs for free.
    """
    scale = 8
    mask = Image.new("L", (SIZE // scale, SIZE // scale), 0)
    ImageDraw.Draw(mask).ellipse([v / scale for v in box], fill=strength)
    mask = mask.filter(ImageFilter.BoxBlur(max(1, int(SIZE * blur / scale))))
    back.paste((40, 30, 24), mask=mask.resize(back.size, Image.BILINEAR))


def _canvas(back):
    """The 2x drawing canvas from a 1x backdrop."""
    canvas = back.resize((S, S), Image.NEAREST)
    return canvas, ImageDraw.Draw(canvas)


def _finish(canvas):
    """Reduce the 2x canvas to the final size and lay the shared grain over it."""
    image = canvas.reduce(2) if canvas.width == S else canvas
    return ImageChops.add(image, _grain(), 1.0, -128)


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


def _shade_body(layer, radius_at, top, height, step=6, **light):
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
            k = 0 if k < 0 else 255 if k > 255 else k
            shade.append(shade_row[k])
            spec.append(spec_row[k])
    small = Image.new("L", (w, h))
    small.putdata(shade)
    glint = Image.new("L", (w, h))
    glint.putdata(spec)
    small, glint = small.resize(layer.size, Image.BILINEAR), glint.resize(layer.size, Image.BILINEAR)
    lit = ImageChops.multiply(layer, Image.merge("RGB", (small,) * 3))
    return ImageChops.screen(lit, Image.merge("RGB", (glint,) * 3))


# --- motifs: shared by ceramics, embroidery, lacquer and carving --------------------------------
# Each draws into ``box`` (x0, y0, x1, y1) with ``paint(part)`` giving the colour of a part:
# "flower", "leaf", "stem", "accent".


def _motif_lotus(draw, box, paint, rng, w):
    x0, y0, x1, y1 = box
    cx, base = (x0 + x1) / 2, y0 + (y1 - y0) * 0.5
    size = min(x1 - x0, (y1 - y0) * 1.2) * 0.3
    draw.line([(cx, base), (cx + size * 0.2, y1)], fill=paint("stem"), width=max(2, int(w * 1.2)))
    for side in (-1, 1):
        lx, ly = cx + side * size * 1.6, base + size * 0.9
        draw.line([(lx, ly), (cx + side * size * 0.3, y1)], fill=paint("stem"), width=max(2, int(w)))
        draw.ellipse((lx - size * 0.9, ly - size * 0.35, lx + size * 0.9, ly + size * 0.35), fill=paint("leaf"))
    for k, angle in enumerate((-2.5, -2.1, -1.8, -1.34, -1.05, -0.65)):
        length = size * (1.25 if k in (2, 3) else 1.05)
        draw.polygon(_lens(cx, base, length, size * 0.55, angle), fill=paint("flower" if k % 2 else "accent"))
    draw.ellipse((cx - size * 0.22, base - size * 0.3, cx + size * 0.22, base + size * 0.05), fill=paint("accent"))


def _motif_bamboo(draw, box, paint, rng, w):
    x0, y0, x1, y1 = box
    width = x1 - x0
    for k in range(3):
        x = x0 + width * (0.25 + 0.25 * k) + rng.uniform(-0.05, 0.05) * width
        thick = max(3, int(w * rng.uniform(1.8, 2.8)))
        y = y1
        while y > y0 + (y1 - y0) * rng.uniform(0.0, 0.25):
            seg = (y1 - y0) * rng.uniform(0.16, 0.24)
            draw.line([(x, y), (x + seg * 0.06, y - seg + thick)], fill=paint("stem"), width=thick)
            y -= seg
            x += seg * 0.06
            if rng.random() < 0.6:
                side = rng.choice((-1, 1))
                for j in range(rng.randint(2, 3)):
                    angle = (-0.35 if side > 0 else math.pi + 0.35) + rng.uniform(-0.5, 0.5)
                    draw.polygon(_lens(x, y, width * 0.2, width * 0.045, angle), fill=paint("leaf"))


def _motif_chrysanthemum(draw, box, paint, rng, w):
    x0, y0, x1, y1 = box
    for k in range(rng.randint(2, 3)):
        r = (x1 - x0) * rng.uniform(0.13, 0.2)
        cx, cy = rng.uniform(x0 + r, x1 - r), rng.uniform(y0 + r, y1 - r)
        draw.line([(cx, cy), (cx + rng.uniform(-r, r), y1)], fill=paint("stem"), width=max(2, int(w)))
        draw.polygon(_lens(cx + r * 0.4, cy + r * 1.4, r * 1.1, r * 0.45, rng.uniform(-0.4, 0.4)), fill=paint("leaf"))
        for i in range(28):
            angle = i * math.tau / 28 + rng.uniform(-0.05, 0.05)
            draw.polygon(_lens(cx, cy, r * rng.uniform(0.85, 1.05), r * 0.18, angle, steps=6), fill=paint("flower"))
        draw.ellipse((cx - r * 0.28, cy - r * 0.28, cx + r * 0.28, cy + r * 0.28), fill=paint("accent"))


def _fish(draw, cx, cy, length, facing, paint):
    body = _lens(cx - facing * length / 2, cy, length, length * 0.38, 0 if facing > 0 else math.pi)
    tail_x = cx - facing * length * 0.5
    tail = [(tail_x, cy), (tail_x - facing * length * 0.32, cy - length * 0.22), (tail_x - facing * length * 0.24, cy),
            (tail_x - facing * length * 0.32, cy + length * 0.22)]
    draw.polygon(tail, fill=paint("accent"))
    draw.polygon(body, fill=paint("flower"))
    fin = [(cx - facing * length * 0.05, cy - length * 0.16), (cx - facing * length * 0.25, cy - length * 0.3),
           (cx - facing * length * 0.3, cy - length * 0.14)]
    draw.polygon(fin, fill=paint("accent"))
    ex = cx + facing * length * 0.32
    draw.ellipse((ex - length * 0.035, cy - length * 0.07, ex + length * 0.035, cy), fill=paint("stem"))


def _motif_carp(draw, box, paint, rng, w):
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    for k in range(4):
        y = y0 + height * (0.2 + 0.22 * k)
        draw.arc((x0 + width * 0.05, y - height * 0.05, x0 + width * 0.45, y + height * 0.05), 200, 340, fill=paint("leaf"), width=max(2, int(w)))
        draw.arc((x0 + width * 0.55, y, x1 - width * 0.05, y + height * 0.1), 200, 340, fill=paint("leaf"), width=max(2, int(w)))
    _fish(draw, x0 + width * 0.6, y0 + height * 0.35, width * 0.42, 1, paint)
    _fish(draw, x0 + width * 0.4, y0 + height * 0.7, width * 0.38, -1, paint)


def _motif_crane(draw, box, paint, rng, w):
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    r = width * 0.18
    mx, my = x0 + width * 0.74, y0 + height * 0.22
    draw.ellipse((mx - r, my - r, mx + r, my + r), fill=paint("accent"))
    cx, cy = x0 + width * 0.42, y0 + height * 0.58
    for dx in (0, width * 0.06):
        draw.line([(cx + dx, cy + height * 0.05), (cx + dx - width * 0.02, y1)], fill=paint("stem"), width=max(2, int(w)))
    draw.polygon(_lens(cx - width * 0.22, cy, width * 0.5, height * 0.17, -0.2), fill=paint("flower"))
    draw.polygon(_lens(cx, cy - height * 0.02, width * 0.42, height * 0.16, -2.3), fill=paint("flower"))
    draw.polygon(_lens(cx + width * 0.02, cy - height * 0.04, width * 0.36, height * 0.1, -2.0), fill=paint("leaf"))
    neck = _curve((cx + width * 0.2, cy - height * 0.06), (cx + width * 0.34, cy - height * 0.22), (cx + width * 0.24, cy - height * 0.4))
    draw.polygon(_tube(neck, width * 0.05, width * 0.025), fill=paint("flower"))
    hx, hy = neck[-1]
    draw.ellipse((hx - width * 0.035, hy - width * 0.03, hx + width * 0.035, hy + width * 0.03), fill=paint("stem"))
    draw.polygon([(hx + width * 0.02, hy - width * 0.015), (hx + width * 0.15, hy + width * 0.02), (hx + width * 0.02, hy + width * 0.02)], fill=paint("stem"))


def _motif_landscape(draw, box, paint, rng, w):
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    sun = width * 0.08
    sx, sy = x0 + width * rng.uniform(0.6, 0.8), y0 + height * 0.18
    draw.ellipse((sx - sun, sy - sun, sx + sun, sy + sun), fill=paint("accent"))
    for layer, part in enumerate(("leaf", "stem")):
        base = y0 + height * (0.6 + 0.12 * layer)
        x, points = x0, [(x0, base)]
        while x < x1:
            peak = rng.uniform(0.12, 0.3) * width
            points.append((x + peak / 2, base - rng.uniform(0.15, 0.4) * height * (1 - 0.3 * layer)))
            x += peak
            points.append((min(x, x1), base))
        points += [(x1, base + height * 0.05), (x0, base + height * 0.05)]
        draw.polygon(points, fill=paint(part))
    for k in range(4):
        y = y0 + height * (0.82 + 0.04 * k)
        draw.line([(x0 + width * (0.1 + 0.1 * k), y), (x1 - width * (0.2 + 0.05 * k), y)], fill=paint("flower"), width=max(2, int(w)))
    bx, by = x0 + width * 0.3, y0 + height * 0.8
    draw.polygon([(bx - width * 0.1, by), (bx + width * 0.1, by), (bx + width * 0.07, by + height * 0.04), (bx - width * 0.07, by + height * 0.04)], fill=paint("stem"))


def _motif_blossom(draw, box, paint, rng, w):
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    x, y = x0, y1 - height * 0.15
    tips = []
    for k in range(6):
        nx, ny = x + width * rng.uniform(0.12, 0.2), y - height * rng.uniform(0.05, 0.16)
        draw.line([(x, y), (nx, ny)], fill=paint("stem"), width=max(3, int(w * (3 - k * 0.35))))
        if rng.random() < 0.7:
            bx, by = nx + width * rng.uniform(-0.05, 0.1), ny - height * rng.uniform(0.1, 0.25)
            draw.line([(nx, ny), (bx, by)], fill=paint("stem"), width=max(2, int(w * 1.2)))
            tips.append((bx, by))
        tips.append((nx, ny))
        x, y = nx, ny
    r = width * 0.035
    for tx, ty in tips:
        for _ in range(2):
            fx, fy = tx + rng.uniform(-r * 2, r * 2), ty + rng.uniform(-r * 2, r * 2)
            for i in range(5):
                a = i * math.tau / 5
                px, py = fx + math.cos(a) * r * 0.75, fy + math.sin(a) * r * 0.75
                draw.ellipse((px - r * 0.6, py - r * 0.6, px + r * 0.6, py + r * 0.6), fill=paint("flower"))
            draw.ellipse((fx - r * 0.3, fy - r * 0.3, fx + r * 0.3, fy + r * 0.3), fill=paint("accent"))


def _motif_dragon(draw, box, paint, rng, w):
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    phase = rng.uniform(0, 0.6)
    path = [(x0 + width * (0.1 + 0.78 * t), y0 + height * (0.52 + 0.26 * math.sin(phase + t * math.tau * 1.25)))
            for t in (i / 40 for i in range(41))]
    thick = min(width * 0.16, height * 0.2)
    for i in range(1, 38, 3):  # spines along the back
        (ax, ay), (bx, by) = path[i], path[i + 1]
        r = thick * (0.3 + 0.3 * i / 40)
        draw.polygon([(ax, ay - r * 0.6), ((ax + bx) / 2, ay - r * 1.9), (bx, by - r * 0.6)], fill=paint("accent"))
    draw.polygon(_tube(path, thick * 0.25, thick * 1.1), fill=paint("flower"))
    hx, hy = path[-1]
    draw.polygon(_lens(hx - thick * 0.4, hy, thick * 2.4, thick * 1.3, -0.25), fill=paint("flower"))
    draw.ellipse((hx + thick * 0.7, hy - thick * 0.55, hx + thick * 1.05, hy - thick * 0.2), fill=paint("stem"))
    draw.line([(hx + thick * 1.6, hy - thick * 0.4), (hx + thick * 2.6, hy - thick * 1.2)], fill=paint("accent"), width=max(2, int(w)))
    draw.line([(hx + thick * 1.6, hy + thick * 0.1), (hx + thick * 2.7, hy + thick * 0.5)], fill=paint("accent"), width=max(2, int(w)))
    for i in range(8, 36, 9):  # the scales: a row of light arcs
        px, py = path[i]
        draw.arc((px - thick * 0.45, py - thick * 0.3, px + thick * 0.45, py + thick * 0.5), 200, 340, fill=paint("leaf"), width=max(2, int(w)))
    for k in range(3):  # clouds
        cx, cy = x0 + width * (0.2 + 0.3 * k), y0 + height * (0.12 if k % 2 else 0.9)
        r = width * 0.045
        for j in range(3):
            draw.arc((cx - r + j * r * 0.9, cy - r, cx + r + j * r * 0.9, cy + r), 180, 360, fill=paint("leaf"), width=max(2, int(w * 1.2)))


def _motif_pagoda(draw, box, paint, rng, w):
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    cx = (x0 + x1) / 2
    draw.ellipse((x0 + width * 0.05, y0 + height * 0.78, x1 - width * 0.05, y1), fill=paint("leaf"))
    draw.rectangle((cx - width * 0.035, y0 + height * 0.52, cx + width * 0.035, y0 + height * 0.88), fill=paint("stem"))
    draw.rectangle((cx - width * 0.2, y0 + height * 0.34, cx + width * 0.2, y0 + height * 0.53), fill=paint("flower"))
    roof = [(cx - width * 0.36, y0 + height * 0.3), (cx - width * 0.28, y0 + height * 0.36), (cx + width * 0.28, y0 + height * 0.36),
            (cx + width * 0.36, y0 + height * 0.3), (cx + width * 0.2, y0 + height * 0.24), (cx + width * 0.12, y0 + height * 0.12),
            (cx - width * 0.12, y0 + height * 0.12), (cx - width * 0.2, y0 + height * 0.24)]
    draw.polygon(roof, fill=paint("accent"))
    draw.ellipse((cx - width * 0.03, y0 + height * 0.05, cx + width * 0.03, y0 + height * 0.13), fill=paint("accent"))


MOTIFS = {
    "lotus": _motif_lotus,
    "bamboo": _motif_bamboo,
    "chrysanthemum": _motif_chrysanthemum,
    "carp": _motif_carp,
    "crane": _motif_crane,
    "landscape": _motif_landscape,
    "blossom": _motif_blossom,
    "dragon": _motif_dragon,
    "pagoda": _motif_pagoda,
}


def _draw_motif(draw, name, box, paint, rng, w=6):
    MOTIFS.get(name, _motif_lotus)(draw, box, paint, rng, w)


def _palette_paint(colours):
    """paint(part) over a dict of part colours, falling back to the flower colour."""
    return lambda part: colours.get(part, colours["flower"])


# --- round bodies: vases, bowls, buckets, baskets ------------------------------------------------
# Profiles: (height from the lip 0 to the foot 1, half-width as a share of the widest point).
PROFILES = {
    "vase": [(0, 0.34), (0.06, 0.26), (0.2, 0.25), (0.42, 0.78), (0.62, 1.0), (0.84, 0.8), (1, 0.52)],
    "jar": [(0, 0.52), (0.06, 0.48), (0.14, 0.62), (0.38, 1.0), (0.72, 0.86), (1, 0.56)],
    "bowl": [(0, 1.0), (0.3, 0.96), (0.7, 0.72), (0.9, 0.46), (1, 0.42)],
    "mug": [(0, 1.0), (0.1, 0.98), (1, 0.9)],
    "planter": [(0, 1.0), (0.09, 1.0), (0.12, 0.9), (1, 0.68)],
    "teapot": [(0, 0.42), (0.12, 0.5), (0.42, 1.0), (0.8, 0.92), (1, 0.62)],
    "lamp": [(0, 0.3), (0.12, 0.26), (0.5, 1.0), (0.85, 0.8), (1, 0.5)],
    "bucket": [(0, 1.0), (1, 0.8)],
    "basket": [(0, 1.0), (0.7, 0.9), (1, 0.62)],
    "basin": [(0, 1.0), (0.15, 0.97), (1, 0.62)],
    "cylinder": [(0, 1.0), (1, 1.0)],
}


def _profile(shape, rng):
    """The shape's profile with a little hand-made irregularity."""
    return [(t, r * rng.uniform(0.97, 1.03) if 0 < t < 1 else r) for t, r in PROFILES[shape]]


def _round_body(canvas, cx, base, half, height, shape, body, rng, decorate=None, opening=True, texture=None, light=None):
    """Draw a lit round body standing at ``base``; returns its top y.

    ``decorate(draw, geometry)`` paints on the flat surface before it is lit, with geometry
    (width, height, top margin, body height, radius_at(y from the lip)); ``texture`` is an
    image to use as the surface instead of a flat colour.
    """
    profile = _profile(shape, rng)
    margin = int(half * 0.2)
    w, h = int(half * 2) + 4, int(height) + 2 * margin
    radius_at = lambda y: _smooth(profile, min(1.0, max(0.0, y / height))) * half  # noqa: E731
    layer = texture.crop((0, 0, w, h)) if texture is not None else Image.new("RGB", (w, h), body)
    if decorate:
        decorate(ImageDraw.Draw(layer), (w, h, margin, height, radius_at))
    layer = _shade_body(layer, radius_at, margin, height, **(light or {}))
    mask = Image.new("L", (w, h), 0)
    md = ImageDraw.Draw(mask)
    steps = 60
    left = [(w / 2 - radius_at(height * i / steps), margin + height * i / steps) for i in range(steps + 1)]
    md.polygon(left + [(w - x, y) for x, y in reversed(left)], fill=255)
    rf, r0 = radius_at(height), radius_at(0)
    md.ellipse((w / 2 - rf, margin + height - rf * 0.12, w / 2 + rf, margin + height + rf * 0.12), fill=255)
    md.ellipse((w / 2 - r0, margin - r0 * 0.14, w / 2 + r0, margin + r0 * 0.14), fill=255)
    ox, oy = int(cx - w / 2), int(base - height - margin)
    canvas.paste(layer, (ox, oy), mask)
    if opening:
        top = oy + margin
        inner = _dark(body, 0.45)
        ImageDraw.Draw(canvas).ellipse((cx - r0 * 0.9, top - r0 * 0.115, cx + r0 * 0.9, top + r0 * 0.115), fill=inner)
    return base - height


def _bands(draw, geometry, colour, at=(0.1, 0.93), width=None):
    """Rings around a round body (drawn as the front half of an ellipse)."""
    w, h, top, height, radius_at = geometry
    for t in at:
        y, r = top + t * height, radius_at(t * height)
        draw.arc((w / 2 - r, y - r * 0.1, w / 2 + r, y + r * 0.1), 0, 180, fill=colour, width=width or max(4, int(w * 0.012)))


def _belly_box(geometry, t0=0.3, t1=0.82, spread=0.62):
    w, h, top, height, radius_at = geometry
    r = radius_at(height * (t0 + t1) / 2)
    return (w / 2 - r * spread, top + height * t0, w / 2 + r * spread, top + height * t1)


def _tube(points, w0, w1):
    """A tapering tube polygon along a polyline (spouts, handles)."""
    left, right = [], []
    n = len(points)
    for i, (x, y) in enumerate(points):
        nx, ny = points[min(i + 1, n - 1)]
        px, py = points[max(i - 1, 0)]
        dx, dy = nx - px, ny - py
        length = math.hypot(dx, dy) or 1
        half = (w0 + (w1 - w0) * i / max(1, n - 1)) / 2
        left.append((x - dy / length * half, y + dx / length * half))
        right.append((x + dy / length * half, y - dx / length * half))
    return left + right[::-1]


def _curve(p0, p1, p2, steps=16):
    """Points of a quadratic Bézier curve."""
    return [((1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t * t * p2[0],
             (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t * t * p2[1]) for t in (i / steps for i in range(steps + 1))]


# --- ceramics -----------------------------------------------------------------------------------
# Glazes: body colour, motif colour, and what happens to the surface.
GLAZES = {
    "blue": ((238, 240, 236), (36, 66, 146), "painted"),  # men lam: cobalt on white
    "celadon": ((168, 196, 168), (104, 142, 112), "carved"),  # men ngọc
    "crackle": ((226, 214, 186), (120, 92, 60), "crackle"),  # men rạn
    "brown": ((118, 72, 42), (232, 214, 180), "painted"),  # men nâu
    "flambe": ((150, 48, 52), (58, 70, 140), "flambe"),  # men hỏa biến
    "white": ((244, 243, 238), (196, 160, 70), "painted"),  # men trắng, gilt motif
    "green": ((64, 110, 82), (232, 222, 190), "painted"),  # men xanh rêu
}


def _crackle(draw, w, h, colour, rng):
    for _ in range(90):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        points = [(x, y)]
        for _ in range(rng.randint(2, 5)):
            x, y = x + rng.uniform(-60, 60), y + rng.uniform(-60, 60)
            points.append((x, y))
        draw.line(points, fill=colour, width=2)


def _flambe(draw, w, h, body, streak, rng):
    for y in range(0, h, 6):
        draw.rectangle((0, y, w, y + 6), fill=_mix(body, streak, max(0.0, min(1.0, (y / h) ** 1.4 * 1.1))))
    for _ in range(70):
        x, y = rng.uniform(0, w), rng.uniform(0, h * 0.5)
        colour = _mix(_mix(body, streak, rng.random()), (220, 120, 80), rng.random() * 0.3)
        draw.line([(x, y), (x + rng.uniform(-12, 12), y + rng.uniform(h * 0.1, h * 0.5))], fill=colour, width=rng.randint(3, 10))


def _glaze_decorator(glaze, motif, rng):
    body, ink, kind = GLAZES[glaze]

    def decorate(draw, geometry):
        w, h = geometry[:2]
        if kind == "flambe":
            _flambe(draw, w, h, body, ink, rng)
            return
        if kind == "crackle":
            _crackle(draw, w, h, _mix(body, ink, 0.55), rng)
        _bands(draw, geometry, ink)
        if kind in ("painted", "carved"):
            paint = (lambda part: ink) if kind == "carved" or glaze == "blue" else _palette_paint(
                {"flower": ink, "leaf": _mix(ink, body, 0.35), "stem": _dark(ink, 0.2), "accent": _mix(ink, (200, 60, 40), 0.3)})
            _draw_motif(draw, motif, _belly_box(geometry), paint, rng, w=max(4, w * 0.01))

    return decorate


def _ceramic_piece(canvas, draw, spec, rng):
    shape, glaze, motif = spec.get("shape", "vase"), spec.get("glaze", "blue"), spec.get("motif", "lotus")
    body = GLAZES[glaze][0]
    deco = _glaze_decorator(glaze, motif, rng)
    cx, base = S / 2, S * 0.8
    if shape == "plate":
        _plate(draw, cx, base - 260, 560, body, GLAZES[glaze][1], motif, rng)
    elif shape == "teapot":
        spout = _curve((cx + 180, base - 170), (cx + 420, base - 220), (cx + 500, base - 470))
        draw.polygon(_tube(spout, 120, 46), fill=_dark(body, 0.1))
        draw.arc((cx - 480, base - 400, cx - 200, base - 130), 90, 270, fill=_dark(body, 0.2), width=40)
        top = _round_body(canvas, cx - 60, base, 330, 430, "teapot", body, rng, deco, opening=False)
        draw.ellipse((cx - 210, top - 40, cx + 90, top + 30), fill=_dark(body, 0.05))
        draw.ellipse((cx - 96, top - 95, cx - 24, top - 20), fill=_dark(body, 0.1))
        for dx in (-500, 470):
            _round_body(canvas, cx + dx, base + 170, 110, 120, "bowl", body, rng, _glaze_decorator(glaze, "bamboo", rng))
    elif shape == "mug":
        draw.arc((cx + 130, base - 440, cx + 390, base - 160), 270, 90, fill=_dark(body, 0.15), width=46)
        _round_body(canvas, cx - 40, base, 250, 560, "mug", body, rng, deco)
    elif shape == "bowl":
        _round_body(canvas, cx, base, 430, 380, "bowl", body, rng, deco)
    elif shape == "lamp":
        top = _round_body(canvas, cx, base, 260, 560, "lamp", body, rng, deco, opening=False)
        draw.line([(cx, top), (cx, top - 150)], fill=(90, 80, 70), width=14)
        shade = [(cx - 170, top - 560), (cx + 170, top - 560), (cx + 340, top - 120), (cx - 340, top - 120)]
        draw.polygon(shade, fill=(242, 230, 200))
        draw.line([(cx - 340, top - 120), (cx + 340, top - 120)], fill=_dark(body, 0.2), width=14)
    elif shape == "planter":
        top = _round_body(canvas, cx, base, 380, 480, "planter", body, rng, deco)
        _leaves(draw, cx, top, rng)
    else:
        half = 330 if shape == "vase" else 400
        _round_body(canvas, cx, base, half, 1000 if shape == "vase" else 780, shape, body, rng, deco)


def _plate(draw, cx, cy, radius, body, ink, motif, rng, squash=0.62):
    draw.ellipse((cx - radius, cy - radius * squash, cx + radius, cy + radius * squash), fill=_dark(body, 0.18))
    r = radius * 0.97
    draw.ellipse((cx - r, cy - r * squash - 8, cx + r, cy + r * squash - 8), fill=body)
    draw.ellipse((cx - r, cy - r * squash - 8, cx + r, cy + r * squash - 8), outline=ink, width=10)
    r2 = radius * 0.7
    draw.ellipse((cx - r2, cy - r2 * squash, cx + r2, cy + r2 * squash), fill=_dark(body, 0.04), outline=_mix(ink, body, 0.4), width=6)
    box = (cx - r2 * 0.75, cy - r2 * squash * 0.85, cx + r2 * 0.75, cy + r2 * squash * 0.8)
    _draw_motif(draw, motif, box, lambda part: ink, rng, w=6)
    draw.arc((cx - r * 0.9, cy - r * squash * 0.9, cx + r * 0.9, cy + r * squash * 0.9), 200, 250, fill=_light(body, 0.7), width=16)


def _leaves(draw, cx, top, rng):
    for _ in range(14):
        angle = -math.pi / 2 + rng.uniform(-1.2, 1.2)
        green = _jitter((70, 120, 70), rng, 25)
        draw.polygon(_lens(cx + rng.uniform(-120, 120), top + 20, rng.uniform(260, 460), rng.uniform(80, 130), angle), fill=green)


def _ceramics(spec, rng, index=0):
    back = _backdrop(rng)
    width = 560 if spec.get("shape") in ("plate", "bowl", "teapot") else 430
    _shadow(back, (400 - width / 2, 618, 400 + width / 2, 672))
    canvas, draw = _canvas(back)
    _ceramic_piece(canvas, draw, spec, rng)
    return _finish(canvas)


# --- silk ---------------------------------------------------------------------------------------


def _fold_strips(draw, colour, rng, box, strips=110, sheen=0.32, folds=None):
    """Draped cloth: strips between wavy lines, lit by the slope of the folds."""
    x0, y0, x1, y1 = box
    folds = folds or rng.uniform(1.2, 2.4)
    phase, tilt = rng.uniform(0, math.tau), rng.uniform(-0.25, 0.25)
    amp = (y1 - y0) * rng.uniform(0.05, 0.09)
    step = (y1 - y0 + 2 * amp) / strips
    xs = [x0 + (x1 - x0) * i / 32 for i in range(33)]

    def edge(k):
        return [(x, y0 - amp + k * step + tilt * (x - x0) + amp * math.sin(phase + (x - x0) / (x1 - x0) * math.tau * 0.7 + k * 0.035))
                for x in xs]

    for k in range(strips):
        light = math.sin(k / strips * math.tau * folds + phase)
        tone = _light(colour, sheen * max(0.0, light) ** 2) if light > 0 else _dark(colour, 0.28 * (-light) ** 1.5)
        top, bottom = edge(k), edge(k + 1.4)
        draw.polygon(top + bottom[::-1], fill=tone)


def _damask(draw, colour, rng, box, spacing=120):
    """A small woven flower repeated over the cloth (lụa vân)."""
    x0, y0, x1, y1 = box
    tone = _light(colour, 0.12)
    for row, y in enumerate(range(int(y0), int(y1), spacing)):
        for x in range(int(x0) + (spacing // 2 if row % 2 else 0), int(x1), spacing):
            r = spacing * 0.16
            for i in range(4):
                a = i * math.pi / 2 + math.pi / 4
                draw.polygon(_lens(x, y, r, r * 0.55, a, steps=6), fill=tone)


def _slubs(draw, colour, rng, box):
    """Lotus-fibre silk: irregular thick and thin threads."""
    x0, y0, x1, y1 = box
    for _ in range(160):
        y = rng.uniform(y0, y1)
        x = rng.uniform(x0, x1)
        draw.line([(x, y), (x + rng.uniform(40, 220), y + rng.uniform(-4, 4))], fill=_jitter(_dark(colour, 0.12), rng, 10), width=rng.randint(2, 7))


def _folded_stack(draw, colours, rng, cx, base):
    """Folded pieces in each colour, stacked on the table."""
    width, thick = 1120, 150
    for k, colour in enumerate(colours[:4]):
        y = base - k * (thick + 8)
        x = cx - width / 2 + rng.uniform(-30, 30)
        draw.rounded_rectangle((x, y - thick, x + width, y), radius=30, fill=colour)
        draw.rectangle((x + 24, y - thick + 10, x + width - 24, y - thick + 34), fill=_light(colour, 0.25))
        draw.line([(x + width * 0.7, y - thick), (x + width * 0.7, y)], fill=_dark(colour, 0.2), width=4)


def _silk(spec, rng, index=0):
    colours = [rgb(c) for c in spec.get("colours") or ["#9c2a3a"]]
    pattern = spec.get("pattern", "plain")
    if index == 1 and len(colours) > 1:
        back = _backdrop(rng, floor=0.6)
        _shadow(back, (150, 560, 650, 640), strength=90)
        canvas, draw = _canvas(back)
        _folded_stack(draw, colours, rng, S / 2, S * 0.78)
        return _finish(canvas)
    main = colours[index % len(colours)]
    back = _flat_backdrop(_dark(main, 0.3))
    canvas, draw = _canvas(back)
    box = (-40, -320, S + 40, S + 320)
    _fold_strips(draw, main, rng, box, strips=150)
    if pattern == "damask":
        _damask(draw, main, rng, box)
    elif pattern == "lotus-fibre":
        _slubs(draw, main, rng, box)
    elif pattern == "print":
        for _ in range(3):
            x, y = rng.uniform(200, 1200), rng.uniform(200, 1200)
            accent = colours[1] if len(colours) > 1 else _light(main, 0.6)
            _draw_motif(draw, spec.get("motif", "lotus"), (x, y, x + 420, y + 420),
                        _palette_paint({"flower": accent, "leaf": _mix(accent, main, 0.5), "stem": _dark(accent, 0.3), "accent": _light(accent, 0.3)}), rng)
    return _finish(canvas)


# --- embroidery ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _satin():
    """Satin-stitch threads: fine diagonal lines to multiply over embroidered areas (2x, RGB)."""
    tile = Image.new("L", (64, 64), 255)
    draw = ImageDraw.Draw(tile)
    for k in range(-64, 128, 8):
        draw.line([(k, 0), (k + 64, 64)], fill=196, width=3)
    texture = Image.new("L", (S, S))
    for y in range(0, S, 64):
        for x in range(0, S, 64):
            texture.paste(tile, (x, y))
    return Image.merge("RGB", (texture,) * 3)


def _embroider(canvas, draw_motif, box):
    """Draw a motif twice: in colour, and as a mask that gives the area inside ``box`` satin stitches."""
    mask = Image.new("L", canvas.size, 0)
    draw_motif(ImageDraw.Draw(canvas), None)
    draw_motif(ImageDraw.Draw(mask), 255)
    box = tuple(int(v) for v in box)
    region = canvas.crop(box)
    stitched = ImageChops.multiply(region, _satin().crop(box))
    canvas.paste(Image.composite(stitched, region, mask.crop(box)), box[:2])
    return canvas


def _thread_paint(colours):
    threads = [rgb(c) for c in colours] or [(200, 60, 80)]
    return {"flower": threads[0], "leaf": threads[1] if len(threads) > 1 else (70, 120, 80),
            "stem": threads[2] if len(threads) > 2 else (90, 80, 50), "accent": threads[3] if len(threads) > 3 else (230, 190, 80)}


def _stitched_border(draw, box, colour, step=34):
    x0, y0, x1, y1 = box
    for x in range(int(x0), int(x1), step):
        draw.line([(x, y0), (x + step * 0.6, y0)], fill=colour, width=6)
        draw.line([(x, y1), (x + step * 0.6, y1)], fill=colour, width=6)
    for y in range(int(y0), int(y1), step):
        draw.line([(x0, y), (x0, y + step * 0.6)], fill=colour, width=6)
        draw.line([(x1, y), (x1, y + step * 0.6)], fill=colour, width=6)


def _embroidery(spec, rng, index=0):
    shape, motif = spec.get("shape", "picture"), spec.get("motif", "lotus")
    ground = rgb(spec.get("ground", "#f3ead8"))
    parts = _thread_paint(spec.get("colours") or [])
    back = _backdrop(rng, floor=0.82 if shape == "picture" else 0.62)
    if shape == "picture":
        frame, inner, art_box = (260, 200, 1340, 1240), (330, 270, 1270, 1170), (400, 330, 1200, 1110)
    elif shape == "cushion":
        _shadow(back, (190, 560, 610, 640))
        frame, inner, art_box = None, (260, 300, 1340, 1240), (440, 470, 1160, 1090)
    else:  # cloth, handkerchief, bag: a square of cloth on the table
        _shadow(back, (170, 600, 630, 660), strength=70)
        frame, inner, art_box = None, (250, 420, 1350, 1280), (470, 580, 1130, 1150)
    canvas, draw = _canvas(back)
    if frame:
        draw.rectangle(frame, fill=(92, 58, 34))
        draw.rectangle((frame[0] + 24, frame[1] + 24, frame[2] - 24, frame[3] - 24), fill=(120, 80, 48))
    if shape == "cushion":
        draw.rounded_rectangle(inner, radius=140, fill=ground)
        draw.rounded_rectangle(inner, radius=140, outline=_dark(ground, 0.25), width=18)
    else:
        draw.rectangle(inner, fill=ground)
    if shape not in ("picture", "cushion"):
        _stitched_border(draw, (inner[0] + 40, inner[1] + 40, inner[2] - 40, inner[3] - 40), parts["flower"])
    seed = rng.random()  # the same drawing twice: in colour, then as the stitch mask
    canvas = _embroider(canvas, lambda d, fill: _draw_motif(
        d, motif, art_box, (lambda part: fill) if fill else _palette_paint(parts), random.Random(seed), w=8),
        (art_box[0] - 120, art_box[1] - 120, art_box[2] + 120, art_box[3] + 120))
    image = _finish(canvas)
    if index == 2:  # a close look at the stitches
        return image.crop((260, 240, 580, 560)).resize((SIZE, SIZE), Image.LANCZOS)
    return image


# --- lacquer ------------------------------------------------------------------------------------
LACQUER_GROUNDS = {"black": (24, 18, 16), "vermilion": (150, 32, 26), "brown": (70, 32, 20)}


@lru_cache(maxsize=4)
def _leaf(kind):
    """Gold, silver or mother-of-pearl leaf: a mottled metallic field (2x, RGB)."""
    base = {"gold": ((150, 106, 30), (246, 214, 120)), "silver": ((120, 120, 124), (236, 236, 240)),
            "pearl": ((170, 190, 200), (250, 236, 240)), "eggshell": ((208, 198, 174), (250, 246, 234))}[kind]
    noise = Image.effect_noise((S // 8, S // 8), 60).resize((S, S), Image.BILINEAR)
    return ImageOps.colorize(noise, *base)


def _eggshell_cracks(mask, rng, count=420):
    """Crushed eggshell: the inlay broken into small pieces along dark hairlines."""
    draw = ImageDraw.Draw(mask)
    for _ in range(count):
        x, y = rng.uniform(0, S), rng.uniform(0, S)
        draw.line([(x, y), (x + rng.uniform(-50, 50), y + rng.uniform(-50, 50))], fill=0, width=4)


def _inlay(canvas, draw_shape, finish, rng):
    """Lay gold, silver, pearl or eggshell through a mask drawn by ``draw_shape(draw)``."""
    mask = Image.new("L", canvas.size, 0)
    draw_shape(ImageDraw.Draw(mask))
    if finish == "eggshell":
        _eggshell_cracks(mask, rng)
    canvas.paste(_leaf(finish if finish in ("gold", "silver", "pearl", "eggshell") else "gold"), (0, 0), mask)


def _lacquer(spec, rng, index=0):
    shape, motif = spec.get("shape", "painting"), spec.get("motif", "lotus")
    finish = spec.get("finish", "gold")
    ground = LACQUER_GROUNDS.get(spec.get("ground", "black"), LACQUER_GROUNDS["black"])
    seed = rng.random()
    # The inlay's mask: drawn once ``art_box`` (set below for each shape) is known.
    fill = lambda d: _draw_motif(d, motif, art_box, lambda part: 255, random.Random(seed), w=8)  # noqa: E731
    if shape == "painting":
        back = _flat_backdrop(_mix(ground, (120, 30, 20), 0.35), glow=0.25)
        canvas, draw = _canvas(back)
        draw.rectangle((120, 120, S - 120, S - 120), fill=(40, 26, 20))
        draw.rectangle((150, 150, S - 150, S - 150), fill=ground)
        art_box = (260, 260, S - 260, S - 260)
        _inlay(canvas, fill, finish, rng)
        return _finish(canvas)
    back = _backdrop(rng)
    canvas, draw = _canvas(back)
    if shape in ("vase", "bowl"):
        art = {}

        def decorate(d, geometry):
            _bands(d, geometry, (200, 160, 70))
            art["box"] = _belly_box(geometry)

        half, height = (330, 900) if shape == "vase" else (430, 380)
        _round_body(canvas, S / 2, S * 0.8, half, height, shape, ground, rng, decorate, light={"low": 0.35, "shine": 110})
        w = half * 2 + 4
        ox, oy = S / 2 - w / 2, S * 0.8 - height - int(half * 0.2)
        bx = art["box"]
        art_box = (bx[0] + ox, bx[1] + oy, bx[2] + ox, bx[3] + oy)
        _inlay(canvas, fill, finish, rng)
        return _finish(canvas)
    # boxes, trays, plates, coasters: a flat lacquered top in perspective
    cx, cy = S / 2, S * 0.6
    if shape in ("plate", "coasters"):
        draw.ellipse((cx - 600, cy - 330 + 40, cx + 600, cy + 330 + 40), fill=_dark(ground, 0.4))
        draw.ellipse((cx - 600, cy - 330, cx + 600, cy + 330), fill=ground)
        draw.ellipse((cx - 560, cy - 300, cx + 560, cy + 300), outline=(196, 150, 60), width=10)
        art_box = (cx - 330, cy - 240, cx + 330, cy + 240)
    else:
        depth = 200 if shape == "box" else 60
        top = [(cx - 560, cy - 260), (cx + 500, cy - 300), (cx + 600, cy + 200), (cx - 460, cy + 250)]
        draw.polygon([top[3], top[2], (top[2][0], top[2][1] + depth), (top[3][0], top[3][1] + depth)], fill=_dark(ground, 0.35))
        draw.polygon([top[1], top[2], (top[2][0], top[2][1] + depth), (top[1][0], top[1][1] + depth)], fill=_dark(ground, 0.5))
        draw.polygon(top, fill=ground)
        draw.polygon(top, outline=(196, 150, 60), width=10)
        if shape == "box":
            draw.line([(top[3][0], top[3][1] + 50), (top[2][0], top[2][1] + 50)], fill=(196, 150, 60), width=6)
        art_box = (cx - 330, cy - 230, cx + 380, cy + 190)
    _inlay(canvas, fill, finish, rng)
    return _finish(canvas)


# --- rattan and bamboo --------------------------------------------------------------------------
FIBRES = {"natural": (206, 168, 112), "smoked": (128, 86, 52), "pale": (226, 200, 150), "two-tone": (206, 168, 112)}


@lru_cache(maxsize=8)
def _weave(kind, fibre):
    """A woven texture (2x, RGB): "plain" over-under, "twill" steps, or open "hex" (mắt cáo)."""
    colour = FIBRES.get(fibre, FIBRES["natural"])
    other = _dark(colour, 0.35) if fibre == "two-tone" else _dark(colour, 0.08)
    image = Image.new("RGB", (S, S), _dark(colour, 0.6))
    draw = ImageDraw.Draw(image)
    if kind == "hex":
        for angle in (0, math.pi / 3, 2 * math.pi / 3):
            for k in range(-40, 40):
                d = k * 72
                ca, sa = math.cos(angle), math.sin(angle)
                p0 = (S / 2 + ca * -S * 1.5 - sa * d, S / 2 + sa * -S * 1.5 + ca * d)
                p1 = (S / 2 + ca * S * 1.5 - sa * d, S / 2 + sa * S * 1.5 + ca * d)
                draw.line([p0, p1], fill=colour if angle else other, width=16)
        return image
    cell = 48
    for j in range(S // cell + 1):
        for i in range(S // cell + 1):
            x, y = i * cell, j * cell
            over = ((i + j // 2) if kind == "twill" else (i + j)) % 2
            if over:
                draw.rounded_rectangle((x + 2, y + 6, x + cell - 2, y + cell - 6), radius=12, fill=colour)
                draw.line([(x + 6, y + 14), (x + cell - 6, y + 14)], fill=_light(colour, 0.25), width=4)
            else:
                draw.rounded_rectangle((x + 6, y + 2, x + cell - 6, y + cell - 2), radius=12, fill=other)
                draw.line([(x + 14, y + 6), (x + 14, y + cell - 6)], fill=_light(other, 0.2), width=4)
    return image


def _rattan(spec, rng, index=0):
    shape, fibre, weave = spec.get("shape", "basket"), spec.get("fibre", "natural"), spec.get("weave", "plain")
    colour = FIBRES.get(fibre, FIBRES["natural"])
    texture = _weave(weave, fibre)
    if index == 2:
        return _finish(texture.copy())
    back = _backdrop(rng)
    cx, base = S / 2, S * 0.8
    if shape in ("tray", "coaster"):
        _shadow(back, (110, 560, 690, 660))
        canvas, draw = _canvas(back)
        mask = Image.new("L", canvas.size, 0)
        ImageDraw.Draw(mask).ellipse((cx - 620, base - 560, cx + 620, base - 40), fill=255)
        canvas.paste(texture, (0, 0), mask)
        draw.ellipse((cx - 620, base - 560, cx + 620, base - 40), outline=_dark(colour, 0.3), width=46)
        draw.ellipse((cx - 600, base - 545, cx + 600, base - 55), outline=_light(colour, 0.15), width=10)
        return _finish(canvas)
    if shape != "lamp":
        _shadow(back, (200, 610, 600, 670))
    canvas, draw = _canvas(back)
    if shape == "lamp":
        draw.line([(cx, 0), (cx, 300)], fill=(60, 50, 40), width=10)
        glow = Image.new("L", canvas.size, 0)
        ImageDraw.Draw(glow).ellipse((cx - 250, 500, cx + 250, 1000), fill=255)
        canvas.paste((255, 226, 150), (0, 0), glow.filter(ImageFilter.BoxBlur(4)))
        lamp = texture.copy()
        dark = Image.new("L", canvas.size, 0)
        ImageDraw.Draw(dark).pieslice((cx - 520, 300, cx + 520, 1340), 180, 360, fill=255)
        holes = texture.convert("L").point(lambda v: 255 if v > 70 else 0)
        canvas.paste(lamp, (0, 0), ImageChops.multiply(dark, holes))
        draw.line([(cx - 520, 820), (cx + 520, 820)], fill=_dark(colour, 0.3), width=30)
        return _finish(canvas)
    height, shape_name, half = (700, "basket", 520) if shape != "box" else (620, "cylinder", 500)
    tex = texture.crop((0, 0, half * 2 + 4, int(height + half * 0.4)))
    top = _round_body(canvas, cx, base, half, height, shape_name, colour, rng, texture=tex, opening=True, light={"low": 0.45, "shine": 30})
    draw.ellipse((cx - half * 1.0, top - 60, cx + half * 1.0, top + 60), outline=_dark(colour, 0.25), width=44)
    if shape in ("basket", "bag"):
        draw.arc((cx - half * 0.7, top - 560, cx + half * 0.7, top + 200), 180, 360, fill=_dark(colour, 0.3), width=40)
        draw.arc((cx - half * 0.7, top - 560, cx + half * 0.7, top + 200), 200, 340, fill=_light(colour, 0.1), width=10)
    if shape == "box":
        draw.ellipse((cx - half * 1.05, top - 130, cx + half * 1.05, top + 70), fill=_dark(colour, 0.1))
        lid = texture.crop((0, 0, S, S))
        mask = Image.new("L", canvas.size, 0)
        ImageDraw.Draw(mask).ellipse((cx - half * 1.02, top - 150, cx + half * 1.02, top + 40), fill=255)
        canvas.paste(lid, (0, 0), mask)
    return _finish(canvas)


# --- wood: carving, sculpture, furniture --------------------------------------------------------
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
def _grain(wood=None):
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
        draw.line(points, fill=_dark(dark, 0.15), width=rng.randint(3, 7))
    return texture


def _relief(canvas, box, draw_motif, strength=1.0):
    """Carve a motif into the surface: embossed light and shade from the motif's mask."""
    x0, y0, x1, y1 = (int(v) for v in box)
    mask = Image.new("L", (x1 - x0, y1 - y0), 0)
    draw_motif(ImageDraw.Draw(mask), (0, 0, x1 - x0, y1 - y0))
    relief = mask.filter(ImageFilter.BoxBlur(4)).filter(ImageFilter.EMBOSS)
    strength *= 2.2
    if strength != 1.0:
        relief = relief.point(lambda v: max(0, min(255, int(128 + (v - 128) * strength))))
    region = canvas.crop((x0, y0, x1, y1))
    carved = ImageChops.hard_light(region, Image.merge("RGB", (relief,) * 3))
    recess = ImageChops.multiply(carved, Image.new("RGB", carved.size, (226, 214, 204)))
    canvas.paste(Image.composite(recess, carved, mask.point(lambda v: v // 2)), (x0, y0))


def _carved_panel(canvas, draw, box, wood, motif, rng, frame=60):
    texture = _grain(wood)
    x0, y0, x1, y1 = box
    canvas.paste(texture.crop((0, 0, x1 - x0, y1 - y0)), (x0, y0))
    dark = WOODS.get(wood, WOODS["teak"])[0]
    draw.rectangle(box, outline=_dark(dark, 0.3), width=frame // 3)
    draw.rectangle((x0 + frame, y0 + frame, x1 - frame, y1 - frame), outline=_light(dark, 0.25), width=8)
    seed = rng.random()
    _relief(canvas, (x0 + frame + 20, y0 + frame + 20, x1 - frame - 20, y1 - frame - 20),
            lambda d, b: _draw_motif(d, motif, b, lambda part: 255, random.Random(seed), w=14))


def _figure(draw, cx, base, scale, colour, accent, halo=None):
    """A seated figure on a lotus plinth, as village carvers make them (``colour`` an int draws a mask)."""
    c = lambda v: v * scale  # noqa: E731
    tone = (lambda x, t: x) if isinstance(colour, int) else _dark
    if halo is not None:
        draw.ellipse((cx - c(300), base - c(1180), cx + c(300), base - c(580)), fill=halo)
    draw.rounded_rectangle((cx - c(340), base - c(130), cx + c(340), base), radius=c(30), fill=tone(colour, 0.3))
    for i in range(9):  # lotus petals of the plinth
        draw.polygon(_lens(cx - c(320) + i * c(80), base - c(100), c(130), c(80), -math.pi / 2), fill=accent)
    draw.ellipse((cx - c(340), base - c(380), cx + c(340), base - c(130)), fill=colour)  # crossed legs
    draw.polygon([(cx - c(230), base - c(290)), (cx + c(230), base - c(290)), (cx + c(170), base - c(720)),
                  (cx - c(170), base - c(720))], fill=colour)  # robe
    for side in (-1, 1):  # arms falling to the lap
        arm = _curve((cx + side * c(170), base - c(690)), (cx + side * c(300), base - c(480)), (cx + side * c(60), base - c(300)))
        draw.polygon(_tube(arm, c(110), c(80)), fill=tone(colour, 0.12))
    draw.ellipse((cx - c(110), base - c(350), cx + c(110), base - c(260)), fill=accent)  # hands
    draw.rectangle((cx - c(55), base - c(780), cx + c(55), base - c(700)), fill=colour)  # neck
    draw.ellipse((cx - c(130), base - c(1000), cx + c(130), base - c(730)), fill=colour)  # head
    draw.ellipse((cx - c(160), base - c(900), cx - c(110), base - c(790)), fill=tone(colour, 0.1))  # ears
    draw.ellipse((cx + c(110), base - c(900), cx + c(160), base - c(790)), fill=tone(colour, 0.1))
    draw.ellipse((cx - c(70), base - c(1060), cx + c(70), base - c(950)), fill=tone(colour, 0.15))  # topknot
    draw.line([(cx - c(170), base - c(700)), (cx, base - c(560)), (cx + c(170), base - c(700))], fill=accent, width=max(4, int(c(18))))


def _wood_carving(spec, rng, index=0):
    shape, wood, motif = spec.get("shape", "panel"), spec.get("wood", "teak"), spec.get("motif", "lotus")
    back = _backdrop(rng)
    if shape == "statue":
        _shadow(back, (220, 600, 580, 670))
        canvas, draw = _canvas(back)
        colour = WOODS.get(wood, WOODS["teak"])[1]
        mask = Image.new("L", canvas.size, 0)
        _figure(ImageDraw.Draw(mask), S / 2, S * 0.82, 1.05, 255, 255)
        layer = Image.new("RGB", canvas.size, colour)
        _figure(ImageDraw.Draw(layer), S / 2, S * 0.82, 1.05, colour, _dark(colour, 0.3))
        layer = ImageChops.multiply(layer, _grain(wood).point(lambda v: min(255, v + 90)))
        canvas.paste(layer, (0, 0), mask)
        return _finish(canvas)
    if shape == "box":
        _shadow(back, (170, 600, 630, 660))
        canvas, draw = _canvas(back)
        dark = WOODS.get(wood, WOODS["teak"])[0]
        draw.rectangle((340, 860, 1260, 1260), fill=dark)
        canvas.paste(_grain(wood).crop((0, 0, 920, 400)), (340, 860))
        draw.rectangle((340, 860, 1260, 1260), outline=_dark(dark, 0.3), width=10)
        _carved_panel(canvas, draw, (300, 560, 1300, 880), wood, motif, rng, frame=40)
        return _finish(canvas)
    _shadow(back, (160, 640, 640, 680), strength=80)
    canvas, draw = _canvas(back)
    _carved_panel(canvas, draw, (260, 180, 1340, 1300), wood, motif, rng)
    return _finish(canvas)


def _sculpture(spec, rng, index=0):
    shape, motif = spec.get("shape", "statue"), spec.get("motif", "dragon")
    red, gold = (150, 30, 24), (214, 170, 70)
    back = _flat_backdrop((96, 46, 30), glow=0.3) if index != 1 else _backdrop(rng)
    canvas, draw = _canvas(back)
    if shape == "statue":
        mask = Image.new("L", canvas.size, 0)
        _figure(ImageDraw.Draw(mask), S / 2, S * 0.9, 1.15, 255, 255, halo=255)
        layer = Image.new("RGB", canvas.size, red)
        body = gold if spec.get("finish") == "gold" else red
        _figure(ImageDraw.Draw(layer), S / 2, S * 0.9, 1.15, body, gold if body == red else red, halo=_dark(gold, 0.2))
        canvas.paste(layer, (0, 0), mask)
        return _finish(canvas)
    box = (140, 520, 1460, 1080) if shape == "board" else (560, 120, 1040, 1480)
    draw.rectangle(box, fill=red)
    draw.rectangle(box, outline=gold, width=36)
    draw.rectangle((box[0] + 60, box[1] + 60, box[2] - 60, box[3] - 60), outline=gold, width=8)
    inner = (box[0] + 100, box[1] + 90, box[2] - 100, box[3] - 90)
    _inlay(canvas, lambda d: _draw_motif(d, motif, inner, lambda part: 255, random.Random(rng.random()), w=10), "gold", rng)
    return _finish(canvas)


def _furniture(spec, rng, index=0):
    shape, wood = spec.get("shape", "table"), spec.get("wood", "oak")
    dark, light = WOODS.get(wood, WOODS["oak"])
    texture = _grain(wood)
    back = _backdrop(rng, floor=0.62)
    _shadow(back, (120, 610, 680, 690), strength=90)
    canvas, draw = _canvas(back)
    mask = Image.new("L", canvas.size, 0)
    md = ImageDraw.Draw(mask)
    if shape == "stool":
        for x in (-330, -150, 150, 330):
            md.polygon([(S / 2 + x - 30, 760), (S / 2 + x + 30, 760), (S / 2 + x * 1.15 + 26, 1330), (S / 2 + x * 1.15 - 26, 1330)], fill=255)
        md.rectangle((S / 2 - 380, 1000, S / 2 + 380, 1040), fill=255)
        md.ellipse((S / 2 - 440, 620, S / 2 + 440, 840), fill=255)
    elif shape in ("cabinet", "shelf"):
        md.rectangle((380, 200, 1220, 1320), fill=255)
    else:  # tables and benches: a top in perspective on four legs
        md.polygon([(300, 700), (1300, 700), (1420, 860), (180, 860)], fill=255)
        md.rectangle((180, 860, 1420, 920), fill=255)
        for x in (220, 1330):
            md.rectangle((x, 900, x + 70, 1330), fill=255)
        for x in (360, 1180):
            md.rectangle((x, 860, x + 60, 1180), fill=255)
    canvas.paste(texture, (0, 0), mask)
    if shape in ("cabinet", "shelf"):
        draw.rectangle((380, 200, 1220, 1320), outline=_dark(dark, 0.4), width=20)
        if shape == "cabinet":
            for x0 in (420, 810):
                draw.rectangle((x0, 260, x0 + 370, 1240), outline=_dark(dark, 0.35), width=12)
                _relief(canvas, (x0 + 50, 330, x0 + 320, 760), lambda d, b: _draw_motif(d, spec.get("motif", "blossom"), b, lambda p: 255, random.Random(1), w=10))
                draw.ellipse((x0 + (330 if x0 == 420 else 20), 780, x0 + (360 if x0 == 420 else 50), 810), fill=(190, 160, 90))
        else:
            for y in (520, 840, 1160):
                draw.rectangle((400, y, 1200, y + 36), fill=_dark(light, 0.15))
            _round_body(canvas, 600, 520, 90, 230, "vase", (238, 240, 236), rng, _glaze_decorator("blue", "bamboo", rng))
            _round_body(canvas, 980, 840, 140, 150, "bowl", (168, 196, 168), rng)
    else:
        draw.line([(300, 700), (1300, 700)], fill=_light(light, 0.3), width=8)
    return _finish(canvas)


# --- silver -------------------------------------------------------------------------------------
VELVETS = ((30, 34, 58), (70, 22, 34), (34, 40, 38), (46, 36, 60))


def _metal_ring(draw, box, thickness, tone=(200, 200, 206), steps=14):
    """A polished ring: concentric ellipses whose brightness rises and falls like reflections."""
    x0, y0, x1, y1 = box
    for i in range(steps):
        t = i / (steps - 1)
        shine = 0.5 + 0.5 * math.cos(t * math.pi * 2.2 + 0.6)
        colour = _mix(_dark(tone, 0.45), _light(tone, 0.6), shine)
        inset = thickness * t
        draw.ellipse((x0 + inset, y0 + inset, x1 - inset, y1 - inset), outline=colour, width=max(2, int(thickness / steps) + 2))


def _sparkle(draw, x, y, r):
    draw.polygon([(x, y - r), (x + r * 0.16, y - r * 0.16), (x + r, y), (x + r * 0.16, y + r * 0.16), (x, y + r),
                  (x - r * 0.16, y + r * 0.16), (x - r, y), (x - r * 0.16, y - r * 0.16)], fill=(255, 255, 250))


def _silver(spec, rng, index=0):
    shape = spec.get("shape", "bracelet")
    tone = (232, 196, 110) if spec.get("metal") == "gold" else (206, 208, 214)
    back = _flat_backdrop(rng.choice(VELVETS), glow=0.35)
    canvas, draw = _canvas(back)
    cx, cy = S / 2, S / 2
    if shape == "bracelet":
        _metal_ring(draw, (cx - 560, cy - 330, cx + 560, cy + 330), 110, tone)
        for i in range(18):  # engraved pattern on the band
            a = i * math.tau / 18
            x, y = cx + math.cos(a) * 505, cy + math.sin(a) * 275
            draw.ellipse((x - 14, y - 14, x + 14, y + 14), outline=_dark(tone, 0.4), width=5)
    elif shape == "ring":
        _metal_ring(draw, (cx - 380, cy - 300, cx + 380, cy + 360), 90, tone)
        draw.ellipse((cx - 130, cy - 440, cx + 130, cy - 200), fill=_dark(tone, 0.2))
        _metal_ring(draw, (cx - 130, cy - 440, cx + 130, cy - 200), 40, tone)
        draw.ellipse((cx - 80, cy - 390, cx + 80, cy - 250), fill=rgb(spec.get("stone", "#2f6db0")))
    elif shape == "necklace":
        points = [(cx + math.sin(t) * 560, 180 + (math.cos(t) - math.cos(1.2)) * 1100) for t in (i / 60 * 2.4 - 1.2 for i in range(61))]
        for i, (x, y) in enumerate(points):
            if i % 2 == 0:
                draw.ellipse((x - 22, y - 14, x + 22, y + 14), outline=_light(tone, 0.3), width=8)
        px, py = cx, max(y for _, y in points) + 10
        _metal_ring(draw, (px - 120, py, px + 120, py + 300), 44, tone)
        draw.polygon(_lens(px, py + 60, 180, 110, math.pi / 2), fill=_light(tone, 0.1))
    elif shape == "earrings":
        for dx in (-260, 260):
            x = cx + dx
            draw.line([(x, 300), (x, 520)], fill=_light(tone, 0.4), width=12)
            _metal_ring(draw, (x - 90, 250, x + 90, 370), 20, tone)
            draw.polygon(_lens(x, 520, 560, 260, math.pi / 2), fill=_dark(tone, 0.15))
            draw.polygon(_lens(x, 560, 460, 190, math.pi / 2), fill=_light(tone, 0.2))
    else:  # chopsticks, spoons: long polished pieces side by side
        for k, dx in enumerate((-110, 110)):
            top, bottom = (cx + dx - 40, 160), (cx + dx * 0.4 - 12, 1460)
            draw.polygon(_tube([top, bottom], 70, 24), fill=_dark(tone, 0.1))
            draw.polygon(_tube([(top[0] - 8, top[1]), (bottom[0] - 6, bottom[1])], 26, 8), fill=_light(tone, 0.55))
            for y in (300, 360, 420):
                draw.line([(top[0] - 36, y), (top[0] + 36, y)], fill=_dark(tone, 0.45), width=8)
    for _ in range(4):
        _sparkle(draw, rng.uniform(300, 1300), rng.uniform(300, 1300), rng.uniform(30, 70))
    return _finish(canvas)


# --- sheet metal --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _spangle():
    """Galvanised steel: big crystalline patches of slightly different greys (2x, RGB)."""
    rng = random.Random("spangle")
    image = Image.new("RGB", (S, S), (176, 182, 188))
    draw = ImageDraw.Draw(image)
    for _ in range(700):
        x, y, r = rng.uniform(0, S), rng.uniform(0, S), rng.uniform(40, 120)
        points = [(x + math.cos(a) * r * rng.uniform(0.6, 1.2), y + math.sin(a) * r * rng.uniform(0.6, 1.2))
                  for a in sorted(rng.uniform(0, math.tau) for _ in range(6))]
        grey = rng.randint(-18, 18)
        draw.polygon(points, fill=(178 + grey, 184 + grey, 190 + grey))
    return image


def _sheet_metal(spec, rng, index=0):
    shape = spec.get("shape", "bucket")
    paint = spec.get("paint")
    texture = _spangle() if not paint else Image.new("RGB", (S, S), rgb(paint))
    back = _backdrop(rng)
    _shadow(back, (90, 550, 710, 610) if shape == "tray" else (170, 610, 630, 670))
    canvas, draw = _canvas(back)
    cx, base = S / 2, S * 0.8
    light = {"low": 0.4, "shine": 120}
    rim = _dark(texture.getpixel((10, 10)), 0.25)
    if shape == "basin":
        top = _round_body(canvas, cx, base, 620, 360, "basin", rim, rng, texture=texture.crop((0, 0, S, S)), light=light)
        draw.ellipse((cx - 630, top - 80, cx + 630, top + 80), outline=rim, width=24)
    elif shape == "can":
        spout = [(cx + 200, base - 300), (cx + 560, base - 700)]
        draw.polygon(_tube(spout, 70, 40), fill=_dark(rim, 0.05))
        draw.ellipse((cx + 500, base - 770, cx + 640, base - 660), fill=rim)
        top = _round_body(canvas, cx - 80, base, 300, 620, "cylinder", rim, rng, texture=texture.crop((0, 0, S, S)), light=light, opening=False)
        draw.arc((cx - 330, top - 260, cx + 170, top + 140), 180, 360, fill=rim, width=36)
    elif shape == "bin":
        draw.polygon([(380, 600), (1160, 600), (1300, 500), (520, 500)], fill=_light(texture.getpixel((10, 10)), 0.15))
        canvas.paste(texture.crop((0, 0, 780, 680)), (380, 600))
        draw.polygon([(1160, 600), (1300, 500), (1300, 1180), (1160, 1280)], fill=_dark(texture.getpixel((10, 10)), 0.2))
        for y in (620, 1250):
            draw.line([(380, y), (1160, y)], fill=rim, width=20)
        draw.rectangle((700, 700, 840, 740), fill=_dark(rim, 0.2))
    elif shape == "tray":
        draw.polygon([(260, 760), (1340, 760), (1460, 1160), (140, 1160)], fill=_dark(rim, 0.1))
        mask = Image.new("L", canvas.size, 0)
        ImageDraw.Draw(mask).polygon([(300, 790), (1300, 790), (1400, 1130), (200, 1130)], fill=255)
        canvas.paste(texture, (0, 0), mask)
        for i in range(3):
            x = 430 + i * 370
            draw.ellipse((x - 150, 860, x + 150, 1060), fill=_dark(texture.getpixel((10, 10)), 0.3))
            draw.ellipse((x - 120, 880, x + 120, 1040), fill=_dark(texture.getpixel((10, 10)), 0.15))
    else:  # bucket
        top = _round_body(canvas, cx, base, 400, 640, "bucket", rim, rng, texture=texture.crop((0, 0, S, S)), light=light)
        draw.ellipse((cx - 405, top - 60, cx + 405, top + 60), outline=rim, width=26)
        draw.arc((cx - 400, top - 420, cx + 400, top + 260), 190, 350, fill=(90, 90, 96), width=14)
        for y in (0.35, 0.7):
            yy = top + 640 * y
            r = 400 - 80 * y
            draw.arc((cx - r, yy - r * 0.1, cx + r, yy + r * 0.1), 0, 180, fill=rim, width=10)
    return _finish(canvas)


# --- knitwear -----------------------------------------------------------------------------------


def _knit(size, colour, contrast, rng, band=True):
    """Stockinette stitches (rows of Vs) with an optional Fair Isle band, at final size.

    The pattern repeats every eight stitches, so one strip is knitted and repeated across.
    """
    cw, ch = 16, 14
    strip = Image.new("RGB", (cw * 8, size[1]), _dark(colour, 0.3))
    draw = ImageDraw.Draw(strip)
    pattern_rows = set(range(18, 25)) if band else set()
    for j in range(size[1] // ch + 2):
        for i in range(8):
            x, y = i * cw, j * ch
            use = colour
            if j in pattern_rows and (abs((i % 8) - 4) + abs(j - 21)) <= 3:
                use = contrast
            elif j in (17, 25):
                use = contrast
            tone = _jitter(use, rng, 6)
            draw.polygon(_lens(x + cw * 0.5, y + ch * 0.9, ch * 1.15, cw * 0.5, -2.0, steps=6), fill=tone)
            draw.polygon(_lens(x + cw * 0.5, y + ch * 0.9, ch * 1.15, cw * 0.5, -1.14, steps=6), fill=_light(tone, 0.08))
    image = Image.new("RGB", size)
    for x in range(0, size[0], strip.width):
        image.paste(strip, (x, 0))
    return image


def _garment_mask(shape):
    mask = Image.new("L", (S, S), 0)
    draw = ImageDraw.Draw(mask)
    if shape == "scarf":
        draw.polygon([(300, 120), (620, 120), (1300, 1380), (980, 1380)], fill=255)
    elif shape == "hat":
        draw.chord((380, 300, 1220, 1300), 180, 360, fill=255)
        draw.rounded_rectangle((360, 780, 1240, 1080), radius=40, fill=255)
        draw.ellipse((700, 180, 900, 380), fill=255)
    else:  # sweater, cardigan, shirt
        draw.polygon([(480, 300), (700, 260), (900, 260), (1120, 300), (1460, 820), (1300, 920), (1150, 700),
                      (1150, 1380), (450, 1380), (450, 700), (300, 920), (140, 820)], fill=255)
    return mask


def _knitwear(spec, rng, index=0):
    shape = spec.get("shape", "sweater")
    colours = [rgb(c) for c in spec.get("colours") or ["#7a2e3a"]]
    colour = colours[index % len(colours)]
    contrast = colours[(index + 1) % len(colours)] if len(colours) > 1 else _light(colour, 0.7)
    back = _backdrop(rng, floor=0.0, palette=rng.choice(BACKDROPS))
    knit = _knit((SIZE, SIZE), colour, contrast, rng, band=shape != "scarf")
    if index == 2:
        return _finish(knit.resize((S, S), Image.LANCZOS).crop((0, 0, SIZE, SIZE)))
    mask = _garment_mask(shape).reduce(2)
    shadow = mask.filter(ImageFilter.BoxBlur(12)).point(lambda v: v // 3)
    back.paste((40, 30, 24), (14, 18), shadow)
    back.paste(knit, (0, 0), mask)
    draw = ImageDraw.Draw(back)
    if shape in ("sweater", "cardigan"):
        draw.arc((330, 110, 470, 190), 0, 180, fill=_dark(colour, 0.35), width=10)
        draw.rectangle((225, 660, 575, 690), fill=_dark(colour, 0.2))
        if shape == "cardigan":
            draw.line([(400, 150), (400, 690)], fill=_dark(colour, 0.4), width=6)
            for y in range(220, 680, 90):
                draw.ellipse((410, y, 430, y + 20), fill=contrast)
    if shape == "scarf":
        for k in range(12):
            x = 490 + k * 14
            draw.line([(x, 690), (x + 6, 760)], fill=colour, width=5)
    return _finish(back)


# --- food ---------------------------------------------------------------------------------------


def _food(spec, rng, index=0):
    shape = spec.get("shape", "squares")
    colour, accent = rgb(spec.get("colour", "#c8944a")), rgb(spec.get("accent", "#f0d9a0"))
    cloth = rng.choice(((196, 60, 50), (60, 96, 140), (230, 220, 196), (90, 120, 80)))
    back = _flat_backdrop(cloth, glow=0.3)
    canvas, draw = _canvas(back)
    cx, cy = S / 2, S / 2
    if shape == "jar":
        back = _backdrop(rng)
        _shadow(back, (240, 620, 560, 670))
        canvas, draw = _canvas(back)
        top = _round_body(canvas, cx, S * 0.8, 320, 640, "jar", colour, rng, light={"low": 0.5, "shine": 160})
        draw.rounded_rectangle((cx - 230, top - 120, cx + 230, top + 10), radius=20, fill=rgb(spec.get("lid", "#b03a2e")))
        draw.rectangle((cx - 200, S * 0.8 - 420, cx + 200, S * 0.8 - 200), fill=(244, 236, 214))
        draw.ellipse((cx - 90, S * 0.8 - 380, cx + 90, S * 0.8 - 240), outline=(176, 58, 46), width=10)
        return _finish(canvas)
    # a woven bamboo tray seen from above, with the pieces on it
    tray = _weave("plain", "pale")
    mask = Image.new("L", canvas.size, 0)
    ImageDraw.Draw(mask).ellipse((120, 120, S - 120, S - 120), fill=255)
    canvas.paste(tray, (0, 0), mask)
    draw.ellipse((120, 120, S - 120, S - 120), outline=(150, 110, 60), width=40)
    if shape == "bundle":  # vermicelli or noodles: tangled strands tied in bundles
        for bx, by in ((cx - 260, cy - 150), (cx + 260, cy - 100), (cx, cy + 260)):
            for _ in range(140):
                a = rng.uniform(0, math.tau)
                r = rng.uniform(40, 220)
                draw.arc((bx - r, by - r * 0.6, bx + r, by + r * 0.6), math.degrees(a), math.degrees(a) + rng.uniform(60, 200),
                         fill=_jitter(colour, rng, 12), width=4)
            draw.rectangle((bx - 20, by - 140, bx + 20, by + 140), fill=(196, 60, 50))
    elif shape == "discs":  # rice paper, crackers
        for k in range(5):
            x, y = cx + rng.uniform(-300, 300), cy + rng.uniform(-300, 300)
            draw.ellipse((x - 330, y - 330, x + 330, y + 330), fill=_jitter(colour, rng, 8), outline=_dark(colour, 0.12), width=6)
            for _ in range(40):
                px, py = x + rng.uniform(-260, 260), y + rng.uniform(-260, 260)
                draw.line([(px, py), (px + 30, py + 30)], fill=_light(colour, 0.25), width=3)
    else:  # squares and bars: peanut or sesame candy, cakes
        for j in range(4):
            for i in range(4):
                x, y = 380 + i * 220 + rng.uniform(-10, 10), 380 + j * 220 + rng.uniform(-10, 10)
                if math.hypot(x + 90 - cx, y + 90 - cy) > 560:
                    continue
                draw.rounded_rectangle((x, y, x + 190, y + 190), radius=24, fill=_jitter(colour, rng, 10))
                for _ in range(10):
                    px, py = x + rng.uniform(20, 160), y + rng.uniform(20, 160)
                    draw.ellipse((px, py, px + 28, py + 20), fill=_jitter(accent, rng, 14))
    return _finish(canvas)


# --- flags and sewing ---------------------------------------------------------------------------


def _star(cx, cy, r, rotation=-math.pi / 2):
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.382
        a = rotation + i * math.pi / 5
        points.append((cx + math.cos(a) * radius, cy + math.sin(a) * radius))
    return points


def _flag_image(kind, width, height):
    flag = Image.new("RGB", (width, height), (218, 37, 29))
    draw = ImageDraw.Draw(flag)
    if kind == "national":  # red field, yellow five-pointed star (Vietnam)
        draw.polygon(_star(width / 2, height / 2, height * 0.3), fill=(255, 221, 0))
    elif kind == "five-colour":  # cờ ngũ sắc: nested bands of five colours, for village festivals
        colours = ((64, 120, 200), (230, 60, 50), (250, 210, 60), (60, 150, 80), (250, 250, 250))
        for k, colour in enumerate(colours):
            inset = k * height / 11
            draw.rectangle((inset, inset, width - inset, height - inset), fill=colour)
    elif kind == "party":  # red field, yellow hammer and sickle: drawn as simple shapes
        draw.arc((width * 0.12, height * 0.18, width * 0.42, height * 0.72), 30, 300, fill=(255, 221, 0), width=int(height * 0.06))
        draw.line([(width * 0.16, height * 0.74), (width * 0.38, height * 0.3)], fill=(255, 221, 0), width=int(height * 0.07))
    return flag


def _wave(flag, rng, amplitude=40, slices=32):
    """Ripple a flat flag with one MESH transform, lit by the slope of each slice."""
    w, h = flag.size
    phase = rng.uniform(0, math.tau)
    out_h = h + 2 * amplitude
    mesh, shade = [], Image.new("L", (w, out_h), 255)
    sd = ImageDraw.Draw(shade)
    for i in range(slices):
        x0, x1 = w * i // slices, w * (i + 1) // slices
        y0 = amplitude * (1 + math.sin(phase + i / slices * math.tau * 1.2))
        y1 = amplitude * (1 + math.sin(phase + (i + 1) / slices * math.tau * 1.2))
        mesh.append(((x0, 0, x1, out_h), (x0, -y0, x0, out_h - y0, x1, out_h - y1, x1, -y1)))
        slope = math.cos(phase + (i + 0.5) / slices * math.tau * 1.2)
        sd.rectangle((x0, 0, x1, out_h), fill=int(214 + 41 * slope))
    waved = flag.transform((w, out_h), Image.MESH, mesh, Image.BILINEAR, fillcolor=None)
    mask = Image.new("L", flag.size, 255).transform((w, out_h), Image.MESH, mesh, Image.BILINEAR)
    return ImageChops.multiply(waved, Image.merge("RGB", (shade,) * 3)), mask


def _flags(spec, rng, index=0):
    shape = spec.get("shape", "flag")
    sky = rng.choice(((150, 196, 232), (178, 210, 236), (236, 222, 200)))
    back = _flat_backdrop(sky, glow=0.35)
    canvas, draw = _canvas(back)
    if shape == "bunting":
        colours = [(218, 37, 29), (255, 221, 0), (64, 120, 200), (60, 150, 80), (250, 250, 250)]
        for row, y in enumerate((300, 800, 1300)):
            points = [(x, y + 120 * math.sin(x / S * math.pi)) for x in range(-100, S + 200, 160)]
            draw.line(points, fill=(90, 80, 70), width=8)
            for k, (x, yy) in enumerate(points[:-1]):
                draw.polygon([(x + 10, yy), (x + 150, yy + 6), (x + 80, yy + 260)], fill=colours[(k + row) % len(colours)])
        return _finish(canvas)
    if shape == "garment":  # sewing: a shirt or uniform laid flat
        colour = rgb(spec.get("colour", "#2f4f7f"))
        back = _backdrop(rng, floor=0.0)
        mask = _garment_mask("shirt").reduce(2)
        back.paste((40, 30, 24), (12, 16), mask.filter(ImageFilter.BoxBlur(12)).point(lambda v: v // 3))
        back.paste(colour, (0, 0), mask)
        draw = ImageDraw.Draw(back)
        draw.polygon([(350, 130), (400, 200), (450, 130)], fill=_light(colour, 0.2))
        draw.line([(400, 200), (400, 690)], fill=_dark(colour, 0.3), width=4)
        for y in range(240, 680, 80):
            draw.ellipse((394, y, 406, y + 12), fill=(236, 236, 230))
        draw.rectangle((260, 260, 340, 340), outline=_dark(colour, 0.3), width=4)
        return _finish(back)
    kind = spec.get("kind", "national")
    flag, mask = _wave(_flag_image(kind, 1100, 740), rng)
    draw.rectangle((180, 120, 216, 1560), fill=(120, 100, 80))
    draw.ellipse((172, 96, 224, 148), fill=(214, 170, 70))
    canvas.paste(flag, (216, 180), mask)
    return _finish(canvas)


# --- agricultural machinery ---------------------------------------------------------------------


def _wheel(draw, cx, cy, r):
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(40, 40, 42))
    draw.ellipse((cx - r * 0.62, cy - r * 0.62, cx + r * 0.62, cy + r * 0.62), fill=(150, 150, 156))
    for k in range(6):
        a = k * math.pi / 3
        draw.line([(cx, cy), (cx + math.cos(a) * r * 0.6, cy + math.sin(a) * r * 0.6)], fill=(110, 110, 116), width=10)
    draw.ellipse((cx - r * 0.15, cy - r * 0.15, cx + r * 0.15, cy + r * 0.15), fill=(70, 70, 74))


def _machinery(spec, rng, index=0):
    shape = spec.get("shape", "machine")
    paint = rgb(spec.get("paint", "#2f7d4a"))
    back = _backdrop(rng, floor=0.6, palette=((236, 236, 232), (214, 214, 208), (170, 168, 160)))
    _shadow(back, (130, 600, 680, 680), strength=120)
    canvas, draw = _canvas(back)
    if shape == "tool":  # a hand plough or hoe
        draw.polygon(_tube([(300, 300), (1100, 1100)], 50, 44), fill=(128, 88, 52))
        draw.polygon([(1040, 1010), (1320, 1080), (1380, 1240), (1120, 1200)], fill=(120, 124, 130))
        draw.polygon([(1060, 1030), (1300, 1090), (1330, 1160), (1110, 1120)], fill=(170, 174, 180))
        draw.polygon(_tube([(260, 420), (520, 300)], 40, 40), fill=(128, 88, 52))
        return _finish(canvas)
    top, front, side = _light(paint, 0.25), paint, _dark(paint, 0.3)
    x0, y0, x1, y1, depth = 360, 620, 1140, 1160, 180
    draw.polygon([(x0, y0), (x1, y0), (x1 + depth, y0 - depth * 0.6), (x0 + depth, y0 - depth * 0.6)], fill=top)
    draw.rectangle((x0, y0, x1, y1), fill=front)
    draw.polygon([(x1, y0), (x1 + depth, y0 - depth * 0.6), (x1 + depth, y1 - depth * 0.6), (x1, y1)], fill=side)
    if spec.get("hopper", True):
        draw.polygon([(520, 560), (880, 560), (1000, 260), (420, 260)], fill=_light(paint, 0.1))
        draw.polygon([(420, 260), (1000, 260), (1060, 220), (480, 220)], fill=_dark(paint, 0.4))
    draw.polygon([(x0, 960), (x0 - 260, 1120), (x0 - 200, 1170), (x0, 1060)], fill=(150, 150, 156))
    mx, my = 1200, 820  # the engine and its belt
    draw.rounded_rectangle((mx, my, mx + 300, my + 240), radius=30, fill=(90, 92, 98))
    for k in range(6):
        draw.line([(mx + 30 + k * 45, my + 20), (mx + 30 + k * 45, my + 220)], fill=(60, 62, 66), width=12)
    draw.line([(mx + 40, my + 60), (x1 - 60, y0 + 60)], fill=(30, 30, 30), width=14)
    draw.line([(mx + 40, my + 200), (x1 - 60, y0 + 200)], fill=(30, 30, 30), width=14)
    draw.ellipse((x1 - 120, y0 + 40, x1, y0 + 220), fill=(60, 60, 64))
    for x in (x0 + 120, x1 - 120):
        _wheel(draw, x, y1 + 40, 150)
    draw.rectangle((x0 + 60, y0 + 80, x0 + 340, y0 + 180), fill=(236, 230, 210))
    return _finish(canvas)


# --- entry point --------------------------------------------------------------------------------

PAINTERS = {
    "ceramics": _ceramics,
    "silk": _silk,
    "embroidery": _embroidery,
    "lacquer": _lacquer,
    "rattan-bamboo": _rattan,
    "wood-carving": _wood_carving,
    "sculpture": _sculpture,
    "furniture": _furniture,
    "silver": _silver,
    "sheet-metal": _sheet_metal,
    "knitwear": _knitwear,
    "food": _food,
    "sewing": _flags,
    "agricultural-machinery": _machinery,
}


def render(spec, seed, index=0, quality=90):
    """JPEG bytes of picture ``index`` (0, 1, 2…) for a listing ``spec``: a dict with "craft"
    and the craft's own keys (shape, colours, motif, glaze, wood…); unknown keys are ignored."""
    rng = random.Random(f"{seed}/{index}")
    painter = PAINTERS.get(spec.get("craft"), _ceramics)
    image = painter(spec, rng, index)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()
