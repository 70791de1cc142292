"""Bát Tràng ceramics: glazed vases, bowls, plates and planters."""
import math

from demo.art.canvas import S, backdrop, darken, finish_canvas, jitter, lens, lighten, mix, new_canvas
from demo.art.motifs import paint_motif, palette_paint
from demo.art.shapes import bands, belly_box, curve, round_body, tube

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
        draw.rectangle((0, y, w, y + 6), fill=mix(body, streak, max(0.0, min(1.0, (y / h) ** 1.4 * 1.1))))
    for _ in range(70):
        x, y = rng.uniform(0, w), rng.uniform(0, h * 0.5)
        colour = mix(mix(body, streak, rng.random()), (220, 120, 80), rng.random() * 0.3)
        draw.line([(x, y), (x + rng.uniform(-12, 12), y + rng.uniform(h * 0.1, h * 0.5))], fill=colour, width=rng.randint(3, 10))


def glaze_decorator(glaze, motif, rng):
    body, ink, kind = GLAZES[glaze]

    def decorate(draw, geometry):
        w, h = geometry[:2]
        if kind == "flambe":
            _flambe(draw, w, h, body, ink, rng)
            return
        if kind == "crackle":
            _crackle(draw, w, h, mix(body, ink, 0.55), rng)
        bands(draw, geometry, ink)
        if kind in ("painted", "carved"):
            paint = (lambda part: ink) if kind == "carved" or glaze == "blue" else palette_paint(
                {"flower": ink, "leaf": mix(ink, body, 0.35), "stem": darken(ink, 0.2), "accent": mix(ink, (200, 60, 40), 0.3)})
            paint_motif(draw, motif, belly_box(geometry), paint, rng, w=max(4, w * 0.01))

    return decorate


def _ceramic_piece(canvas, draw, spec, rng):
    shape, glaze, motif = spec.get("shape", "vase"), spec.get("glaze", "blue"), spec.get("motif", "lotus")
    body = GLAZES[glaze][0]
    deco = glaze_decorator(glaze, motif, rng)
    cx, base = S / 2, S * 0.8
    if shape == "plate":
        _plate(draw, cx, base - 260, 560, body, GLAZES[glaze][1], motif, rng)
    elif shape == "teapot":
        spout = curve((cx + 180, base - 170), (cx + 420, base - 220), (cx + 500, base - 470))
        draw.polygon(tube(spout, 120, 46), fill=darken(body, 0.1))
        draw.arc((cx - 480, base - 400, cx - 200, base - 130), 90, 270, fill=darken(body, 0.2), width=40)
        top = round_body(canvas, cx - 60, base, 330, 430, "teapot", body, rng, deco, opening=False)
        draw.ellipse((cx - 210, top - 40, cx + 90, top + 30), fill=darken(body, 0.05))
        draw.ellipse((cx - 96, top - 95, cx - 24, top - 20), fill=darken(body, 0.1))
        for dx in (-500, 470):
            round_body(canvas, cx + dx, base + 170, 110, 120, "bowl", body, rng, glaze_decorator(glaze, "bamboo", rng))
    elif shape == "mug":
        draw.arc((cx + 130, base - 440, cx + 390, base - 160), 270, 90, fill=darken(body, 0.15), width=46)
        round_body(canvas, cx - 40, base, 250, 560, "mug", body, rng, deco)
    elif shape == "bowl":
        round_body(canvas, cx, base, 430, 380, "bowl", body, rng, deco)
    elif shape == "lamp":
        top = round_body(canvas, cx, base, 260, 560, "lamp", body, rng, deco, opening=False)
        draw.line([(cx, top), (cx, top - 150)], fill=(90, 80, 70), width=14)
        shade = [(cx - 170, top - 560), (cx + 170, top - 560), (cx + 340, top - 120), (cx - 340, top - 120)]
        draw.polygon(shade, fill=(242, 230, 200))
        draw.line([(cx - 340, top - 120), (cx + 340, top - 120)], fill=darken(body, 0.2), width=14)
    elif shape == "planter":
        top = round_body(canvas, cx, base, 380, 480, "planter", body, rng, deco)
        _leaves(draw, cx, top, rng)
    else:
        half = 330 if shape == "vase" else 400
        round_body(canvas, cx, base, half, 1000 if shape == "vase" else 780, shape, body, rng, deco)


def _plate(draw, cx, cy, radius, body, ink, motif, rng, squash=0.62):
    draw.ellipse((cx - radius, cy - radius * squash, cx + radius, cy + radius * squash), fill=darken(body, 0.18))
    r = radius * 0.97
    draw.ellipse((cx - r, cy - r * squash - 8, cx + r, cy + r * squash - 8), fill=body)
    draw.ellipse((cx - r, cy - r * squash - 8, cx + r, cy + r * squash - 8), outline=ink, width=10)
    r2 = radius * 0.7
    draw.ellipse((cx - r2, cy - r2 * squash, cx + r2, cy + r2 * squash), fill=darken(body, 0.04), outline=mix(ink, body, 0.4), width=6)
    box = (cx - r2 * 0.75, cy - r2 * squash * 0.85, cx + r2 * 0.75, cy + r2 * squash * 0.8)
    paint_motif(draw, motif, box, lambda part: ink, rng, w=6)
    draw.arc((cx - r * 0.9, cy - r * squash * 0.9, cx + r * 0.9, cy + r * squash * 0.9), 200, 250, fill=lighten(body, 0.7), width=16)


def _leaves(draw, cx, top, rng):
    for _ in range(14):
        angle = -math.pi / 2 + rng.uniform(-1.2, 1.2)
        green = jitter((70, 120, 70), rng, 25)
        draw.polygon(lens(cx + rng.uniform(-120, 120), top + 20, rng.uniform(260, 460), rng.uniform(80, 130), angle), fill=green)


def ceramics(spec, rng, index=0):
    back = backdrop(rng)
    width = 560 if spec.get("shape") in ("plate", "bowl", "teapot") else 430
    canvas, draw = new_canvas(back, shadow=(400 - width / 2, 618, 400 + width / 2, 672))
    _ceramic_piece(canvas, draw, spec, rng)
    return finish_canvas(canvas)
