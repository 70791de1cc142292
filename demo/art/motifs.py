"""Decorative motifs (lotus, bamboo, carp, crane, dragon…) painted, stitched or carved on a piece."""
import math

from demo.art.canvas import lens
from demo.art.shapes import curve, tube


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
        draw.polygon(lens(cx, base, length, size * 0.55, angle), fill=paint("flower" if k % 2 else "accent"))
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
                    draw.polygon(lens(x, y, width * 0.2, width * 0.045, angle), fill=paint("leaf"))


def _motif_chrysanthemum(draw, box, paint, rng, w):
    x0, y0, x1, y1 = box
    for k in range(rng.randint(2, 3)):
        r = (x1 - x0) * rng.uniform(0.13, 0.2)
        cx, cy = rng.uniform(x0 + r, x1 - r), rng.uniform(y0 + r, y1 - r)
        draw.line([(cx, cy), (cx + rng.uniform(-r, r), y1)], fill=paint("stem"), width=max(2, int(w)))
        draw.polygon(lens(cx + r * 0.4, cy + r * 1.4, r * 1.1, r * 0.45, rng.uniform(-0.4, 0.4)), fill=paint("leaf"))
        for i in range(28):
            angle = i * math.tau / 28 + rng.uniform(-0.05, 0.05)
            draw.polygon(lens(cx, cy, r * rng.uniform(0.85, 1.05), r * 0.18, angle, steps=6), fill=paint("flower"))
        draw.ellipse((cx - r * 0.28, cy - r * 0.28, cx + r * 0.28, cy + r * 0.28), fill=paint("accent"))


def _fish(draw, cx, cy, length, facing, paint):
    body = lens(cx - facing * length / 2, cy, length, length * 0.38, 0 if facing > 0 else math.pi)
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
    draw.polygon(lens(cx - width * 0.22, cy, width * 0.5, height * 0.17, -0.2), fill=paint("flower"))
    draw.polygon(lens(cx, cy - height * 0.02, width * 0.42, height * 0.16, -2.3), fill=paint("flower"))
    draw.polygon(lens(cx + width * 0.02, cy - height * 0.04, width * 0.36, height * 0.1, -2.0), fill=paint("leaf"))
    neck = curve((cx + width * 0.2, cy - height * 0.06), (cx + width * 0.34, cy - height * 0.22), (cx + width * 0.24, cy - height * 0.4))
    draw.polygon(tube(neck, width * 0.05, width * 0.025), fill=paint("flower"))
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
    draw.polygon(tube(path, thick * 0.25, thick * 1.1), fill=paint("flower"))
    hx, hy = path[-1]
    draw.polygon(lens(hx - thick * 0.4, hy, thick * 2.4, thick * 1.3, -0.25), fill=paint("flower"))
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


def paint_motif(draw, name, box, paint, rng, w=6):
    MOTIFS.get(name, _motif_lotus)(draw, box, paint, rng, w)


def palette_paint(colours):
    """paint(part) over a dict of part colours, falling back to the flower colour."""
    return lambda part: colours.get(part, colours["flower"])


# Profiles: (height from the lip 0 to the foot 1, half-width as a share of the widest point).
