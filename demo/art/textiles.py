"""Silk, embroidery, knitwear and flags: draped, stitched, knitted and waving cloth."""
import math
import random
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from demo.art.canvas import (
    BACKDROPS,
    SIZE,
    S,
    backdrop,
    cast_shadow,
    darken,
    finish_canvas,
    flat_backdrop,
    jitter,
    lens,
    lighten,
    mix,
    new_canvas,
    rgb,
)
from demo.art.motifs import paint_motif, palette_paint


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
        tone = lighten(colour, sheen * max(0.0, light) ** 2) if light > 0 else darken(colour, 0.28 * (-light) ** 1.5)
        top, bottom = edge(k), edge(k + 1.4)
        draw.polygon(top + bottom[::-1], fill=tone)


def _damask(draw, colour, rng, box, spacing=120):
    """A small woven flower repeated over the cloth (lụa vân)."""
    x0, y0, x1, y1 = box
    tone = lighten(colour, 0.12)
    for row, y in enumerate(range(int(y0), int(y1), spacing)):
        for x in range(int(x0) + (spacing // 2 if row % 2 else 0), int(x1), spacing):
            r = spacing * 0.16
            for i in range(4):
                a = i * math.pi / 2 + math.pi / 4
                draw.polygon(lens(x, y, r, r * 0.55, a, steps=6), fill=tone)


def _slubs(draw, colour, rng, box):
    """Lotus-fibre silk: irregular thick and thin threads."""
    x0, y0, x1, y1 = box
    for _ in range(160):
        y = rng.uniform(y0, y1)
        x = rng.uniform(x0, x1)
        draw.line([(x, y), (x + rng.uniform(40, 220), y + rng.uniform(-4, 4))], fill=jitter(darken(colour, 0.12), rng, 10), width=rng.randint(2, 7))


def _folded_stack(draw, colours, rng, cx, base):
    """Folded pieces in each colour, stacked on the table."""
    width, thick = 1120, 150
    for k, colour in enumerate(colours[:4]):
        y = base - k * (thick + 8)
        x = cx - width / 2 + rng.uniform(-30, 30)
        draw.rounded_rectangle((x, y - thick, x + width, y), radius=30, fill=colour)
        draw.rectangle((x + 24, y - thick + 10, x + width - 24, y - thick + 34), fill=lighten(colour, 0.25))
        draw.line([(x + width * 0.7, y - thick), (x + width * 0.7, y)], fill=darken(colour, 0.2), width=4)


def silk(spec, rng, index=0):
    colours = [rgb(c) for c in spec.get("colours") or ["#9c2a3a"]]
    pattern = spec.get("pattern", "plain")
    if index == 1 and len(colours) > 1:
        back = backdrop(rng, floor=0.6)
        canvas, draw = new_canvas(back, shadow=(150, 560, 650, 640), strength=90)
        _folded_stack(draw, colours, rng, S / 2, S * 0.78)
        return finish_canvas(canvas)
    main = colours[index % len(colours)]
    back = flat_backdrop(darken(main, 0.3))
    canvas, draw = new_canvas(back)
    box = (-40, -320, S + 40, S + 320)
    _fold_strips(draw, main, rng, box, strips=150)
    if pattern == "damask":
        _damask(draw, main, rng, box)
    elif pattern == "lotus-fibre":
        _slubs(draw, main, rng, box)
    elif pattern == "print":
        for _ in range(3):
            x, y = rng.uniform(200, 1200), rng.uniform(200, 1200)
            accent = colours[1] if len(colours) > 1 else lighten(main, 0.6)
            paint_motif(draw, spec.get("motif", "lotus"), (x, y, x + 420, y + 420),
                        palette_paint({"flower": accent, "leaf": mix(accent, main, 0.5), "stem": darken(accent, 0.3), "accent": lighten(accent, 0.3)}), rng)
    return finish_canvas(canvas)


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


def embroidery(spec, rng, index=0):
    shape, motif = spec.get("shape", "picture"), spec.get("motif", "lotus")
    ground = rgb(spec.get("ground", "#f3ead8"))
    parts = _thread_paint(spec.get("colours") or [])
    back = backdrop(rng, floor=0.82 if shape == "picture" else 0.62)
    if shape == "picture":
        frame, inner, art_box = (260, 200, 1340, 1240), (330, 270, 1270, 1170), (400, 330, 1200, 1110)
    elif shape == "cushion":
        cast_shadow(back, (190, 560, 610, 640))
        frame, inner, art_box = None, (260, 300, 1340, 1240), (440, 470, 1160, 1090)
    else:  # cloth, handkerchief, bag: a square of cloth on the table
        cast_shadow(back, (170, 600, 630, 660), strength=70)
        frame, inner, art_box = None, (250, 420, 1350, 1280), (470, 580, 1130, 1150)
    canvas, draw = new_canvas(back)
    if frame:
        draw.rectangle(frame, fill=(92, 58, 34))
        draw.rectangle((frame[0] + 24, frame[1] + 24, frame[2] - 24, frame[3] - 24), fill=(120, 80, 48))
    if shape == "cushion":
        draw.rounded_rectangle(inner, radius=140, fill=ground)
        draw.rounded_rectangle(inner, radius=140, outline=darken(ground, 0.25), width=18)
    else:
        draw.rectangle(inner, fill=ground)
    if shape not in ("picture", "cushion"):
        _stitched_border(draw, (inner[0] + 40, inner[1] + 40, inner[2] - 40, inner[3] - 40), parts["flower"])
    seed = rng.random()  # the same drawing twice: in colour, then as the stitch mask
    canvas = _embroider(canvas, lambda d, fill: paint_motif(
        d, motif, art_box, (lambda part: fill) if fill else palette_paint(parts), random.Random(seed), w=8),
        (art_box[0] - 120, art_box[1] - 120, art_box[2] + 120, art_box[3] + 120))
    image = finish_canvas(canvas)
    if index == 2:  # a close look at the stitches
        return image.crop((260, 240, 580, 560)).resize((SIZE, SIZE), Image.LANCZOS)
    return image


# --- knitwear ---------------------------------------------------------------------------------
def _knit(size, colour, contrast, rng, band=True):
    """Stockinette stitches (rows of Vs) with an optional Fair Isle band, at final size.

    The pattern repeats every eight stitches, so one strip is knitted and repeated across.
    """
    cw, ch = 16, 14
    strip = Image.new("RGB", (cw * 8, size[1]), darken(colour, 0.3))
    draw = ImageDraw.Draw(strip)
    pattern_rows = set(range(18, 25)) if band else set()
    for j in range(size[1] // ch + 2):
        for i in range(8):
            x, y = i * cw, j * ch
            use = colour
            if j in pattern_rows and (abs((i % 8) - 4) + abs(j - 21)) <= 3 or j in (17, 25):
                use = contrast
            tone = jitter(use, rng, 6)
            draw.polygon(lens(x + cw * 0.5, y + ch * 0.9, ch * 1.15, cw * 0.5, -2.0, steps=6), fill=tone)
            draw.polygon(lens(x + cw * 0.5, y + ch * 0.9, ch * 1.15, cw * 0.5, -1.14, steps=6), fill=lighten(tone, 0.08))
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


def knitwear(spec, rng, index=0):
    shape = spec.get("shape", "sweater")
    colours = [rgb(c) for c in spec.get("colours") or ["#7a2e3a"]]
    colour = colours[index % len(colours)]
    contrast = colours[(index + 1) % len(colours)] if len(colours) > 1 else lighten(colour, 0.7)
    back = backdrop(rng, floor=0.0, palette=rng.choice(BACKDROPS))
    knit = _knit((SIZE, SIZE), colour, contrast, rng, band=shape != "scarf")
    if index == 2:
        return finish_canvas(knit.resize((S, S), Image.LANCZOS).crop((0, 0, SIZE, SIZE)))
    mask = _garment_mask(shape).reduce(2)
    shadow = mask.filter(ImageFilter.BoxBlur(12)).point(lambda v: v // 3)
    back.paste((40, 30, 24), (14, 18), shadow)
    back.paste(knit, (0, 0), mask)
    draw = ImageDraw.Draw(back)
    if shape in ("sweater", "cardigan"):
        draw.arc((330, 110, 470, 190), 0, 180, fill=darken(colour, 0.35), width=10)
        draw.rectangle((225, 660, 575, 690), fill=darken(colour, 0.2))
        if shape == "cardigan":
            draw.line([(400, 150), (400, 690)], fill=darken(colour, 0.4), width=6)
            for y in range(220, 680, 90):
                draw.ellipse((410, y, 430, y + 20), fill=contrast)
    if shape == "scarf":
        for k in range(12):
            x = 490 + k * 14
            draw.line([(x, 690), (x + 6, 760)], fill=colour, width=5)
    return finish_canvas(back)


# --- flags and sewing -------------------------------------------------------------------------


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


def flags(spec, rng, index=0):
    shape = spec.get("shape", "flag")
    sky = rng.choice(((150, 196, 232), (178, 210, 236), (236, 222, 200)))
    back = flat_backdrop(sky, glow=0.35)
    canvas, draw = new_canvas(back)
    if shape == "bunting":
        colours = [(218, 37, 29), (255, 221, 0), (64, 120, 200), (60, 150, 80), (250, 250, 250)]
        for row, y in enumerate((300, 800, 1300)):
            points = [(x, y + 120 * math.sin(x / S * math.pi)) for x in range(-100, S + 200, 160)]
            draw.line(points, fill=(90, 80, 70), width=8)
            for k, (x, yy) in enumerate(points[:-1]):
                draw.polygon([(x + 10, yy), (x + 150, yy + 6), (x + 80, yy + 260)], fill=colours[(k + row) % len(colours)])
        return finish_canvas(canvas)
    if shape == "garment":  # sewing: a shirt or uniform laid flat
        colour = rgb(spec.get("colour", "#2f4f7f"))
        back = backdrop(rng, floor=0.0)
        mask = _garment_mask("shirt").reduce(2)
        back.paste((40, 30, 24), (12, 16), mask.filter(ImageFilter.BoxBlur(12)).point(lambda v: v // 3))
        back.paste(colour, (0, 0), mask)
        draw = ImageDraw.Draw(back)
        draw.polygon([(350, 130), (400, 200), (450, 130)], fill=lighten(colour, 0.2))
        draw.line([(400, 200), (400, 690)], fill=darken(colour, 0.3), width=4)
        for y in range(240, 680, 80):
            draw.ellipse((394, y, 406, y + 12), fill=(236, 236, 230))
        draw.rectangle((260, 260, 340, 340), outline=darken(colour, 0.3), width=4)
        return finish_canvas(back)
    kind = spec.get("kind", "national")
    flag, mask = _wave(_flag_image(kind, 1100, 740), rng)
    draw.rectangle((180, 120, 216, 1560), fill=(120, 100, 80))
    draw.ellipse((172, 96, 224, 148), fill=(214, 170, 70))
    canvas.paste(flag, (216, 180), mask)
    return finish_canvas(canvas)
