"""Confectionery and processed food: brittle, cakes, noodles and packs."""
import math

from PIL import Image, ImageDraw

from demo.art.canvas import S, backdrop, darken, finish_canvas, flat_backdrop, jitter, lighten, new_canvas, rgb
from demo.art.rattan import weave_texture
from demo.art.shapes import round_body


def food(spec, rng, index=0):
    shape = spec.get("shape", "squares")
    colour, accent = rgb(spec.get("colour", "#c8944a")), rgb(spec.get("accent", "#f0d9a0"))
    cloth = rng.choice(((196, 60, 50), (60, 96, 140), (230, 220, 196), (90, 120, 80)))
    back = flat_backdrop(cloth, glow=0.3)
    canvas, draw = new_canvas(back)
    cx, cy = S / 2, S / 2
    if shape == "jar":
        back = backdrop(rng)
        canvas, draw = new_canvas(back, shadow=(240, 620, 560, 670))
        top = round_body(canvas, cx, S * 0.8, 320, 640, "jar", colour, rng, light={"low": 0.5, "shine": 160})
        draw.rounded_rectangle((cx - 230, top - 120, cx + 230, top + 10), radius=20, fill=rgb(spec.get("lid", "#b03a2e")))
        draw.rectangle((cx - 200, S * 0.8 - 420, cx + 200, S * 0.8 - 200), fill=(244, 236, 214))
        draw.ellipse((cx - 90, S * 0.8 - 380, cx + 90, S * 0.8 - 240), outline=(176, 58, 46), width=10)
        return finish_canvas(canvas)
    # a woven bamboo tray seen from above, with the pieces on it
    tray = weave_texture("plain", "pale")
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
                         fill=jitter(colour, rng, 12), width=4)
            draw.rectangle((bx - 20, by - 140, bx + 20, by + 140), fill=(196, 60, 50))
    elif shape == "discs":  # rice paper, crackers
        for k in range(5):
            x, y = cx + rng.uniform(-300, 300), cy + rng.uniform(-300, 300)
            draw.ellipse((x - 330, y - 330, x + 330, y + 330), fill=jitter(colour, rng, 8), outline=darken(colour, 0.12), width=6)
            for _ in range(40):
                px, py = x + rng.uniform(-260, 260), y + rng.uniform(-260, 260)
                draw.line([(px, py), (px + 30, py + 30)], fill=lighten(colour, 0.25), width=3)
    else:  # squares and bars: peanut or sesame candy, cakes
        for j in range(4):
            for i in range(4):
                x, y = 380 + i * 220 + rng.uniform(-10, 10), 380 + j * 220 + rng.uniform(-10, 10)
                if math.hypot(x + 90 - cx, y + 90 - cy) > 560:
                    continue
                draw.rounded_rectangle((x, y, x + 190, y + 190), radius=24, fill=jitter(colour, rng, 10))
                for _ in range(10):
                    px, py = x + rng.uniform(20, 160), y + rng.uniform(20, 160)
                    draw.ellipse((px, py, px + 28, py + 20), fill=jitter(accent, rng, 14))
    return finish_canvas(canvas)
