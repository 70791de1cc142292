"""Turned bodies (vases, bowls, jars) from profiles, bands on them, and tubes and curves."""
import math

from PIL import Image, ImageDraw

from demo.art.canvas import darken, shade_body, smooth

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


def round_body(canvas, cx, base, half, height, shape, body, rng, decorate=None, opening=True, texture=None, light=None):
    """Draw a lit round body standing at ``base``; returns its top y.

    ``decorate(draw, geometry)`` paints on the flat surface before it is lit, with geometry
    (width, height, top margin, body height, radius_at(y from the lip)); ``texture`` is an
    image to use as the surface instead of a flat colour.
    """
    profile = _profile(shape, rng)
    margin = int(half * 0.2)
    w, h = int(half * 2) + 4, int(height) + 2 * margin
    radius_at = lambda y: smooth(profile, min(1.0, max(0.0, y / height))) * half
    layer = texture.crop((0, 0, w, h)) if texture is not None else Image.new("RGB", (w, h), body)
    if decorate:
        decorate(ImageDraw.Draw(layer), (w, h, margin, height, radius_at))
    layer = shade_body(layer, radius_at, margin, height, **(light or {}))
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
        inner = darken(body, 0.45)
        ImageDraw.Draw(canvas).ellipse((cx - r0 * 0.9, top - r0 * 0.115, cx + r0 * 0.9, top + r0 * 0.115), fill=inner)
    return base - height


def bands(draw, geometry, colour, at=(0.1, 0.93), width=None):
    """Rings around a round body (drawn as the front half of an ellipse)."""
    w, h, top, height, radius_at = geometry
    for t in at:
        y, r = top + t * height, radius_at(t * height)
        draw.arc((w / 2 - r, y - r * 0.1, w / 2 + r, y + r * 0.1), 0, 180, fill=colour, width=width or max(4, int(w * 0.012)))


def belly_box(geometry, t0=0.3, t1=0.82, spread=0.62):
    w, h, top, height, radius_at = geometry
    r = radius_at(height * (t0 + t1) / 2)
    return (w / 2 - r * spread, top + height * t0, w / 2 + r * spread, top + height * t1)


def tube(points, w0, w1):
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


def curve(p0, p1, p2, steps=16):
    """Points of a quadratic Bézier curve."""
    return [((1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t * t * p2[0],
             (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t * t * p2[1]) for t in (i / steps for i in range(steps + 1))]


# Glazes: body colour, motif colour, and what happens to the surface.
