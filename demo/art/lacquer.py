"""Hạ Thái lacquer: eggshell, gold leaf and mother-of-pearl on black or vermilion."""
import random
from functools import lru_cache

from PIL import Image, ImageDraw, ImageOps

from demo.art.canvas import S, backdrop, darken, finish_canvas, flat_backdrop, mix, new_canvas
from demo.art.motifs import paint_motif
from demo.art.shapes import bands, belly_box, round_body

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


def inlay(canvas, draw_shape, finish, rng):
    """Lay gold, silver, pearl or eggshell through a mask drawn by ``draw_shape(draw)``."""
    mask = Image.new("L", canvas.size, 0)
    draw_shape(ImageDraw.Draw(mask))
    if finish == "eggshell":
        _eggshell_cracks(mask, rng)
    canvas.paste(_leaf(finish if finish in ("gold", "silver", "pearl", "eggshell") else "gold"), (0, 0), mask)


def lacquer(spec, rng, index=0):
    shape, motif = spec.get("shape", "painting"), spec.get("motif", "lotus")
    finish = spec.get("finish", "gold")
    ground = LACQUER_GROUNDS.get(spec.get("ground", "black"), LACQUER_GROUNDS["black"])
    seed = rng.random()
    # The inlay's mask: drawn once ``art_box`` (set below for each shape) is known.
    fill = lambda d: paint_motif(d, motif, art_box, lambda part: 255, random.Random(seed), w=8)
    if shape == "painting":
        back = flat_backdrop(mix(ground, (120, 30, 20), 0.35), glow=0.25)
        canvas, draw = new_canvas(back)
        draw.rectangle((120, 120, S - 120, S - 120), fill=(40, 26, 20))
        draw.rectangle((150, 150, S - 150, S - 150), fill=ground)
        art_box = (260, 260, S - 260, S - 260)
        inlay(canvas, fill, finish, rng)
        return finish_canvas(canvas)
    back = backdrop(rng)
    canvas, draw = new_canvas(back)
    if shape in ("vase", "bowl"):
        art = {}

        def decorate(d, geometry):
            bands(d, geometry, (200, 160, 70))
            art["box"] = belly_box(geometry)

        half, height = (330, 900) if shape == "vase" else (430, 380)
        round_body(canvas, S / 2, S * 0.8, half, height, shape, ground, rng, decorate, light={"low": 0.35, "shine": 110})
        w = half * 2 + 4
        ox, oy = S / 2 - w / 2, S * 0.8 - height - int(half * 0.2)
        bx = art["box"]
        art_box = (bx[0] + ox, bx[1] + oy, bx[2] + ox, bx[3] + oy)
        inlay(canvas, fill, finish, rng)
        return finish_canvas(canvas)
    # boxes, trays, plates, coasters: a flat lacquered top in perspective
    cx, cy = S / 2, S * 0.6
    if shape in ("plate", "coasters"):
        draw.ellipse((cx - 600, cy - 330 + 40, cx + 600, cy + 330 + 40), fill=darken(ground, 0.4))
        draw.ellipse((cx - 600, cy - 330, cx + 600, cy + 330), fill=ground)
        draw.ellipse((cx - 560, cy - 300, cx + 560, cy + 300), outline=(196, 150, 60), width=10)
        art_box = (cx - 330, cy - 240, cx + 330, cy + 240)
    else:
        depth = 200 if shape == "box" else 60
        top = [(cx - 560, cy - 260), (cx + 500, cy - 300), (cx + 600, cy + 200), (cx - 460, cy + 250)]
        draw.polygon([top[3], top[2], (top[2][0], top[2][1] + depth), (top[3][0], top[3][1] + depth)], fill=darken(ground, 0.35))
        draw.polygon([top[1], top[2], (top[2][0], top[2][1] + depth), (top[1][0], top[1][1] + depth)], fill=darken(ground, 0.5))
        draw.polygon(top, fill=ground)
        draw.polygon(top, outline=(196, 150, 60), width=10)
        if shape == "box":
            draw.line([(top[3][0], top[3][1] + 50), (top[2][0], top[2][1] + 50)], fill=(196, 150, 60), width=6)
        art_box = (cx - 330, cy - 230, cx + 380, cy + 190)
    inlay(canvas, fill, finish, rng)
    return finish_canvas(canvas)
