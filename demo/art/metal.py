"""Silver jewellery, sheet-metal ware and farm machinery."""
import math
import random
from functools import lru_cache

from PIL import Image, ImageDraw

from demo.art.canvas import S, backdrop, darken, finish_canvas, flat_backdrop, lens, lighten, mix, new_canvas, rgb
from demo.art.shapes import round_body, tube

VELVETS = ((30, 34, 58), (70, 22, 34), (34, 40, 38), (46, 36, 60))


def _metal_ring(draw, box, thickness, tone=(200, 200, 206), steps=14):
    """A polished ring: concentric ellipses whose brightness rises and falls like reflections."""
    x0, y0, x1, y1 = box
    for i in range(steps):
        t = i / (steps - 1)
        shine = 0.5 + 0.5 * math.cos(t * math.pi * 2.2 + 0.6)
        colour = mix(darken(tone, 0.45), lighten(tone, 0.6), shine)
        inset = thickness * t
        draw.ellipse((x0 + inset, y0 + inset, x1 - inset, y1 - inset), outline=colour, width=max(2, int(thickness / steps) + 2))


def _sparkle(draw, x, y, r):
    draw.polygon([(x, y - r), (x + r * 0.16, y - r * 0.16), (x + r, y), (x + r * 0.16, y + r * 0.16), (x, y + r),
                  (x - r * 0.16, y + r * 0.16), (x - r, y), (x - r * 0.16, y - r * 0.16)], fill=(255, 255, 250))


def silver(spec, rng, index=0):
    shape = spec.get("shape", "bracelet")
    tone = (232, 196, 110) if spec.get("metal") == "gold" else (206, 208, 214)
    back = flat_backdrop(rng.choice(VELVETS), glow=0.35)
    canvas, draw = new_canvas(back)
    cx, cy = S / 2, S / 2
    if shape == "bracelet":
        _metal_ring(draw, (cx - 560, cy - 330, cx + 560, cy + 330), 110, tone)
        for i in range(18):  # engraved pattern on the band
            a = i * math.tau / 18
            x, y = cx + math.cos(a) * 505, cy + math.sin(a) * 275
            draw.ellipse((x - 14, y - 14, x + 14, y + 14), outline=darken(tone, 0.4), width=5)
    elif shape == "ring":
        _metal_ring(draw, (cx - 380, cy - 300, cx + 380, cy + 360), 90, tone)
        draw.ellipse((cx - 130, cy - 440, cx + 130, cy - 200), fill=darken(tone, 0.2))
        _metal_ring(draw, (cx - 130, cy - 440, cx + 130, cy - 200), 40, tone)
        draw.ellipse((cx - 80, cy - 390, cx + 80, cy - 250), fill=rgb(spec.get("stone", "#2f6db0")))
    elif shape == "necklace":
        points = [(cx + math.sin(t) * 560, 180 + (math.cos(t) - math.cos(1.2)) * 1100) for t in (i / 60 * 2.4 - 1.2 for i in range(61))]
        for i, (x, y) in enumerate(points):
            if i % 2 == 0:
                draw.ellipse((x - 22, y - 14, x + 22, y + 14), outline=lighten(tone, 0.3), width=8)
        px, py = cx, max(y for _, y in points) + 10
        _metal_ring(draw, (px - 120, py, px + 120, py + 300), 44, tone)
        draw.polygon(lens(px, py + 60, 180, 110, math.pi / 2), fill=lighten(tone, 0.1))
    elif shape == "earrings":
        for dx in (-260, 260):
            x = cx + dx
            draw.line([(x, 300), (x, 520)], fill=lighten(tone, 0.4), width=12)
            _metal_ring(draw, (x - 90, 250, x + 90, 370), 20, tone)
            draw.polygon(lens(x, 520, 560, 260, math.pi / 2), fill=darken(tone, 0.15))
            draw.polygon(lens(x, 560, 460, 190, math.pi / 2), fill=lighten(tone, 0.2))
    else:  # chopsticks, spoons: long polished pieces side by side
        for k, dx in enumerate((-110, 110)):
            top, bottom = (cx + dx - 40, 160), (cx + dx * 0.4 - 12, 1460)
            draw.polygon(tube([top, bottom], 70, 24), fill=darken(tone, 0.1))
            draw.polygon(tube([(top[0] - 8, top[1]), (bottom[0] - 6, bottom[1])], 26, 8), fill=lighten(tone, 0.55))
            for y in (300, 360, 420):
                draw.line([(top[0] - 36, y), (top[0] + 36, y)], fill=darken(tone, 0.45), width=8)
    for _ in range(4):
        _sparkle(draw, rng.uniform(300, 1300), rng.uniform(300, 1300), rng.uniform(30, 70))
    return finish_canvas(canvas)


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


def sheet_metal(spec, rng, index=0):
    shape = spec.get("shape", "bucket")
    paint = spec.get("paint")
    texture = _spangle() if not paint else Image.new("RGB", (S, S), rgb(paint))
    back = backdrop(rng)
    canvas, draw = new_canvas(back, shadow=(90, 550, 710, 610) if shape == "tray" else (170, 610, 630, 670))
    cx, base = S / 2, S * 0.8
    light = {"low": 0.4, "shine": 120}
    rim = darken(texture.getpixel((10, 10)), 0.25)
    if shape == "basin":
        top = round_body(canvas, cx, base, 620, 360, "basin", rim, rng, texture=texture.crop((0, 0, S, S)), light=light)
        draw.ellipse((cx - 630, top - 80, cx + 630, top + 80), outline=rim, width=24)
    elif shape == "can":
        spout = [(cx + 200, base - 300), (cx + 560, base - 700)]
        draw.polygon(tube(spout, 70, 40), fill=darken(rim, 0.05))
        draw.ellipse((cx + 500, base - 770, cx + 640, base - 660), fill=rim)
        top = round_body(canvas, cx - 80, base, 300, 620, "cylinder", rim, rng, texture=texture.crop((0, 0, S, S)), light=light, opening=False)
        draw.arc((cx - 330, top - 260, cx + 170, top + 140), 180, 360, fill=rim, width=36)
    elif shape == "bin":
        draw.polygon([(380, 600), (1160, 600), (1300, 500), (520, 500)], fill=lighten(texture.getpixel((10, 10)), 0.15))
        canvas.paste(texture.crop((0, 0, 780, 680)), (380, 600))
        draw.polygon([(1160, 600), (1300, 500), (1300, 1180), (1160, 1280)], fill=darken(texture.getpixel((10, 10)), 0.2))
        for y in (620, 1250):
            draw.line([(380, y), (1160, y)], fill=rim, width=20)
        draw.rectangle((700, 700, 840, 740), fill=darken(rim, 0.2))
    elif shape == "tray":
        draw.polygon([(260, 760), (1340, 760), (1460, 1160), (140, 1160)], fill=darken(rim, 0.1))
        mask = Image.new("L", canvas.size, 0)
        ImageDraw.Draw(mask).polygon([(300, 790), (1300, 790), (1400, 1130), (200, 1130)], fill=255)
        canvas.paste(texture, (0, 0), mask)
        for i in range(3):
            x = 430 + i * 370
            draw.ellipse((x - 150, 860, x + 150, 1060), fill=darken(texture.getpixel((10, 10)), 0.3))
            draw.ellipse((x - 120, 880, x + 120, 1040), fill=darken(texture.getpixel((10, 10)), 0.15))
    else:  # bucket
        top = round_body(canvas, cx, base, 400, 640, "bucket", rim, rng, texture=texture.crop((0, 0, S, S)), light=light)
        draw.ellipse((cx - 405, top - 60, cx + 405, top + 60), outline=rim, width=26)
        draw.arc((cx - 400, top - 420, cx + 400, top + 260), 190, 350, fill=(90, 90, 96), width=14)
        for y in (0.35, 0.7):
            yy = top + 640 * y
            r = 400 - 80 * y
            draw.arc((cx - r, yy - r * 0.1, cx + r, yy + r * 0.1), 0, 180, fill=rim, width=10)
    return finish_canvas(canvas)


# --- agricultural machinery -------------------------------------------------------------------


def _wheel(draw, cx, cy, r):
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(40, 40, 42))
    draw.ellipse((cx - r * 0.62, cy - r * 0.62, cx + r * 0.62, cy + r * 0.62), fill=(150, 150, 156))
    for k in range(6):
        a = k * math.pi / 3
        draw.line([(cx, cy), (cx + math.cos(a) * r * 0.6, cy + math.sin(a) * r * 0.6)], fill=(110, 110, 116), width=10)
    draw.ellipse((cx - r * 0.15, cy - r * 0.15, cx + r * 0.15, cy + r * 0.15), fill=(70, 70, 74))


def machinery(spec, rng, index=0):
    shape = spec.get("shape", "machine")
    paint = rgb(spec.get("paint", "#2f7d4a"))
    back = backdrop(rng, floor=0.6, palette=((236, 236, 232), (214, 214, 208), (170, 168, 160)))
    canvas, draw = new_canvas(back, shadow=(130, 600, 680, 680), strength=120)
    if shape == "tool":  # a hand plough or hoe
        draw.polygon(tube([(300, 300), (1100, 1100)], 50, 44), fill=(128, 88, 52))
        draw.polygon([(1040, 1010), (1320, 1080), (1380, 1240), (1120, 1200)], fill=(120, 124, 130))
        draw.polygon([(1060, 1030), (1300, 1090), (1330, 1160), (1110, 1120)], fill=(170, 174, 180))
        draw.polygon(tube([(260, 420), (520, 300)], 40, 40), fill=(128, 88, 52))
        return finish_canvas(canvas)
    top, front, side = lighten(paint, 0.25), paint, darken(paint, 0.3)
    x0, y0, x1, y1, depth = 360, 620, 1140, 1160, 180
    draw.polygon([(x0, y0), (x1, y0), (x1 + depth, y0 - depth * 0.6), (x0 + depth, y0 - depth * 0.6)], fill=top)
    draw.rectangle((x0, y0, x1, y1), fill=front)
    draw.polygon([(x1, y0), (x1 + depth, y0 - depth * 0.6), (x1 + depth, y1 - depth * 0.6), (x1, y1)], fill=side)
    if spec.get("hopper", True):
        draw.polygon([(520, 560), (880, 560), (1000, 260), (420, 260)], fill=lighten(paint, 0.1))
        draw.polygon([(420, 260), (1000, 260), (1060, 220), (480, 220)], fill=darken(paint, 0.4))
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
    return finish_canvas(canvas)
