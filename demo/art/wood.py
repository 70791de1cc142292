"""Wood carving, gilded sculpture and furniture."""
import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from demo.art.canvas import (
    WOODS,
    S,
    backdrop,
    darken,
    finish_canvas,
    flat_backdrop,
    lens,
    lighten,
    new_canvas,
    wood_grain,
)
from demo.art.ceramics import glaze_decorator
from demo.art.lacquer import inlay
from demo.art.motifs import paint_motif
from demo.art.shapes import curve, round_body, tube


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
    texture = wood_grain(wood)
    x0, y0, x1, y1 = box
    canvas.paste(texture.crop((0, 0, x1 - x0, y1 - y0)), (x0, y0))
    dark = WOODS.get(wood, WOODS["teak"])[0]
    draw.rectangle(box, outline=darken(dark, 0.3), width=frame // 3)
    draw.rectangle((x0 + frame, y0 + frame, x1 - frame, y1 - frame), outline=lighten(dark, 0.25), width=8)
    seed = rng.random()
    _relief(canvas, (x0 + frame + 20, y0 + frame + 20, x1 - frame - 20, y1 - frame - 20),
            lambda d, b: paint_motif(d, motif, b, lambda part: 255, random.Random(seed), w=14))


def _figure(draw, cx, base, scale, colour, accent, halo=None):
    """A seated figure on a lotus plinth, as village carvers make them (``colour`` an int draws a mask)."""
    c = lambda v: v * scale
    tone = (lambda x, t: x) if isinstance(colour, int) else darken
    if halo is not None:
        draw.ellipse((cx - c(300), base - c(1180), cx + c(300), base - c(580)), fill=halo)
    draw.rounded_rectangle((cx - c(340), base - c(130), cx + c(340), base), radius=c(30), fill=tone(colour, 0.3))
    for i in range(9):  # lotus petals of the plinth
        draw.polygon(lens(cx - c(320) + i * c(80), base - c(100), c(130), c(80), -math.pi / 2), fill=accent)
    draw.ellipse((cx - c(340), base - c(380), cx + c(340), base - c(130)), fill=colour)  # crossed legs
    draw.polygon([(cx - c(230), base - c(290)), (cx + c(230), base - c(290)), (cx + c(170), base - c(720)),
                  (cx - c(170), base - c(720))], fill=colour)  # robe
    for side in (-1, 1):  # arms falling to the lap
        arm = curve((cx + side * c(170), base - c(690)), (cx + side * c(300), base - c(480)), (cx + side * c(60), base - c(300)))
        draw.polygon(tube(arm, c(110), c(80)), fill=tone(colour, 0.12))
    draw.ellipse((cx - c(110), base - c(350), cx + c(110), base - c(260)), fill=accent)  # hands
    draw.rectangle((cx - c(55), base - c(780), cx + c(55), base - c(700)), fill=colour)  # neck
    draw.ellipse((cx - c(130), base - c(1000), cx + c(130), base - c(730)), fill=colour)  # head
    draw.ellipse((cx - c(160), base - c(900), cx - c(110), base - c(790)), fill=tone(colour, 0.1))  # ears
    draw.ellipse((cx + c(110), base - c(900), cx + c(160), base - c(790)), fill=tone(colour, 0.1))
    draw.ellipse((cx - c(70), base - c(1060), cx + c(70), base - c(950)), fill=tone(colour, 0.15))  # topknot
    draw.line([(cx - c(170), base - c(700)), (cx, base - c(560)), (cx + c(170), base - c(700))], fill=accent, width=max(4, int(c(18))))


def wood_carving(spec, rng, index=0):
    shape, wood, motif = spec.get("shape", "panel"), spec.get("wood", "teak"), spec.get("motif", "lotus")
    back = backdrop(rng)
    if shape == "statue":
        canvas, draw = new_canvas(back, shadow=(220, 600, 580, 670))
        colour = WOODS.get(wood, WOODS["teak"])[1]
        mask = Image.new("L", canvas.size, 0)
        _figure(ImageDraw.Draw(mask), S / 2, S * 0.82, 1.05, 255, 255)
        layer = Image.new("RGB", canvas.size, colour)
        _figure(ImageDraw.Draw(layer), S / 2, S * 0.82, 1.05, colour, darken(colour, 0.3))
        layer = ImageChops.multiply(layer, wood_grain(wood).point(lambda v: min(255, v + 90)))
        canvas.paste(layer, (0, 0), mask)
        return finish_canvas(canvas)
    if shape == "box":
        canvas, draw = new_canvas(back, shadow=(170, 600, 630, 660))
        dark = WOODS.get(wood, WOODS["teak"])[0]
        draw.rectangle((340, 860, 1260, 1260), fill=dark)
        canvas.paste(wood_grain(wood).crop((0, 0, 920, 400)), (340, 860))
        draw.rectangle((340, 860, 1260, 1260), outline=darken(dark, 0.3), width=10)
        _carved_panel(canvas, draw, (300, 560, 1300, 880), wood, motif, rng, frame=40)
        return finish_canvas(canvas)
    canvas, draw = new_canvas(back, shadow=(160, 640, 640, 680), strength=80)
    _carved_panel(canvas, draw, (260, 180, 1340, 1300), wood, motif, rng)
    return finish_canvas(canvas)


def sculpture(spec, rng, index=0):
    shape, motif = spec.get("shape", "statue"), spec.get("motif", "dragon")
    red, gold = (150, 30, 24), (214, 170, 70)
    back = flat_backdrop((96, 46, 30), glow=0.3) if index != 1 else backdrop(rng)
    canvas, draw = new_canvas(back)
    if shape == "statue":
        mask = Image.new("L", canvas.size, 0)
        _figure(ImageDraw.Draw(mask), S / 2, S * 0.9, 1.15, 255, 255, halo=255)
        layer = Image.new("RGB", canvas.size, red)
        body = gold if spec.get("finish") == "gold" else red
        _figure(ImageDraw.Draw(layer), S / 2, S * 0.9, 1.15, body, gold if body == red else red, halo=darken(gold, 0.2))
        canvas.paste(layer, (0, 0), mask)
        return finish_canvas(canvas)
    box = (140, 520, 1460, 1080) if shape == "board" else (560, 120, 1040, 1480)
    draw.rectangle(box, fill=red)
    draw.rectangle(box, outline=gold, width=36)
    draw.rectangle((box[0] + 60, box[1] + 60, box[2] - 60, box[3] - 60), outline=gold, width=8)
    inner = (box[0] + 100, box[1] + 90, box[2] - 100, box[3] - 90)
    inlay(canvas, lambda d: paint_motif(d, motif, inner, lambda part: 255, random.Random(rng.random()), w=10), "gold", rng)
    return finish_canvas(canvas)


def furniture(spec, rng, index=0):
    shape, wood = spec.get("shape", "table"), spec.get("wood", "oak")
    dark, light = WOODS.get(wood, WOODS["oak"])
    texture = wood_grain(wood)
    back = backdrop(rng, floor=0.62)
    canvas, draw = new_canvas(back, shadow=(120, 610, 680, 690), strength=90)
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
        draw.rectangle((380, 200, 1220, 1320), outline=darken(dark, 0.4), width=20)
        if shape == "cabinet":
            for x0 in (420, 810):
                draw.rectangle((x0, 260, x0 + 370, 1240), outline=darken(dark, 0.35), width=12)
                _relief(canvas, (x0 + 50, 330, x0 + 320, 760), lambda d, b: paint_motif(d, spec.get("motif", "blossom"), b, lambda p: 255, random.Random(1), w=10))
                draw.ellipse((x0 + (330 if x0 == 420 else 20), 780, x0 + (360 if x0 == 420 else 50), 810), fill=(190, 160, 90))
        else:
            for y in (520, 840, 1160):
                draw.rectangle((400, y, 1200, y + 36), fill=darken(light, 0.15))
            round_body(canvas, 600, 520, 90, 230, "vase", (238, 240, 236), rng, glaze_decorator("blue", "bamboo", rng))
            round_body(canvas, 980, 840, 140, 150, "bowl", (168, 196, 168), rng)
    else:
        draw.line([(300, 700), (1300, 700)], fill=lighten(light, 0.3), width=8)
    return finish_canvas(canvas)
