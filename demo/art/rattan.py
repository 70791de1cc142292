"""Rattan and bamboo: woven baskets, trays and lampshades."""
import math
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from demo.art.canvas import S, backdrop, cast_shadow, darken, finish_canvas, lighten, new_canvas
from demo.art.shapes import round_body

FIBRES = {"natural": (206, 168, 112), "smoked": (128, 86, 52), "pale": (226, 200, 150), "two-tone": (206, 168, 112)}


@lru_cache(maxsize=8)
def weave_texture(kind, fibre):
    """A woven texture (2x, RGB): "plain" over-under, "twill" steps, or open "hex" (mắt cáo)."""
    colour = FIBRES.get(fibre, FIBRES["natural"])
    other = darken(colour, 0.35) if fibre == "two-tone" else darken(colour, 0.08)
    image = Image.new("RGB", (S, S), darken(colour, 0.6))
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
                draw.line([(x + 6, y + 14), (x + cell - 6, y + 14)], fill=lighten(colour, 0.25), width=4)
            else:
                draw.rounded_rectangle((x + 6, y + 2, x + cell - 6, y + cell - 2), radius=12, fill=other)
                draw.line([(x + 14, y + 6), (x + 14, y + cell - 6)], fill=lighten(other, 0.2), width=4)
    return image


def rattan(spec, rng, index=0):
    shape, fibre, weave = spec.get("shape", "basket"), spec.get("fibre", "natural"), spec.get("weave", "plain")
    colour = FIBRES.get(fibre, FIBRES["natural"])
    texture = weave_texture(weave, fibre)
    if index == 2:
        return finish_canvas(texture.copy())
    back = backdrop(rng)
    cx, base = S / 2, S * 0.8
    if shape in ("tray", "coaster"):
        canvas, draw = new_canvas(back, shadow=(110, 560, 690, 660))
        mask = Image.new("L", canvas.size, 0)
        ImageDraw.Draw(mask).ellipse((cx - 620, base - 560, cx + 620, base - 40), fill=255)
        canvas.paste(texture, (0, 0), mask)
        draw.ellipse((cx - 620, base - 560, cx + 620, base - 40), outline=darken(colour, 0.3), width=46)
        draw.ellipse((cx - 600, base - 545, cx + 600, base - 55), outline=lighten(colour, 0.15), width=10)
        return finish_canvas(canvas)
    if shape != "lamp":
        cast_shadow(back, (200, 610, 600, 670))
    canvas, draw = new_canvas(back)
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
        draw.line([(cx - 520, 820), (cx + 520, 820)], fill=darken(colour, 0.3), width=30)
        return finish_canvas(canvas)
    height, shape_name, half = (700, "basket", 520) if shape != "box" else (620, "cylinder", 500)
    tex = texture.crop((0, 0, half * 2 + 4, int(height + half * 0.4)))
    top = round_body(canvas, cx, base, half, height, shape_name, colour, rng, texture=tex, opening=True, light={"low": 0.45, "shine": 30})
    draw.ellipse((cx - half * 1.0, top - 60, cx + half * 1.0, top + 60), outline=darken(colour, 0.25), width=44)
    if shape in ("basket", "bag"):
        draw.arc((cx - half * 0.7, top - 560, cx + half * 0.7, top + 200), 180, 360, fill=darken(colour, 0.3), width=40)
        draw.arc((cx - half * 0.7, top - 560, cx + half * 0.7, top + 200), 200, 340, fill=lighten(colour, 0.1), width=10)
    if shape == "box":
        draw.ellipse((cx - half * 1.05, top - 130, cx + half * 1.05, top + 70), fill=darken(colour, 0.1))
        lid = texture.crop((0, 0, S, S))
        mask = Image.new("L", canvas.size, 0)
        ImageDraw.Draw(mask).ellipse((cx - half * 1.02, top - 150, cx + half * 1.02, top + 40), fill=255)
        canvas.paste(lid, (0, 0), mask)
    return finish_canvas(canvas)
