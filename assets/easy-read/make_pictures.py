#!/usr/bin/env python3
"""Draws the Easy Read pictograms of the sample consultations with ImageMagick's `convert`
(Debian's imagemagick package): flat shapes, thick dark outlines, 256x256 PNGs of a few KB.

    python3 assets/easy-read/make_pictures.py      # rewrites assets/easy-read/*/*.png

Each picture is a list of ImageMagick -draw primitives built from the small shapes below, so a
picture can be changed by editing its line and running the script again."""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"  # fonts-dejavu-core
INK = "#1b2a41"
BLUE, ORANGE, GREEN, RED = "#2f6fd1", "#f28c28", "#2a9d5c", "#d1493f"
YELLOW, PURPLE, TEAL, GREY = "#f6c445", "#7b5cc4", "#1f9aa8", "#8a94a6"
SKIN = ["#f1c7a0", "#b9784f", "#8a5a3b", "#e7b08a"]
WHITE = "#ffffff"


def style(fill, stroke=INK, width=6):
    return [f"fill {fill}", f"stroke {stroke}", f"stroke-width {width}"]


def person(cx, top, s=1.0, body=BLUE, skin=SKIN[0]):
    """A person: head and rounded shoulders, `top` the top of the head, about 110*s tall."""
    r = 17 * s
    return style(skin) + [f"circle {cx},{top + r} {cx + r},{top + r}"] + style(body) + [
        f"roundrectangle {cx - 27 * s},{top + 2 * r + 6 * s} {cx + 27 * s},{top + 110 * s} "
        f"{14 * s},{14 * s}"]


def house(x, y, w, h, wall=YELLOW, roof=RED, door=True):
    """A house with its body's top-left corner at (x, y)."""
    out = style(roof) + [f"polygon {x - 12},{y} {x + w / 2},{y - h * 0.55} {x + w + 12},{y}"]
    out += style(wall) + [f"rectangle {x},{y} {x + w},{y + h}"]
    if door:
        out += style(BLUE) + [f"rectangle {x + w * 0.4},{y + h * 0.45} {x + w * 0.6},{y + h}"]
    return out


def bubble(x0, y0, x1, y1, fill=WHITE, tail_left=True):
    tx = x0 + 30 if tail_left else x1 - 30
    d = 1 if tail_left else -1
    return style(fill) + [
        f"polygon {tx},{y1 - 8} {tx + d * 34},{y1 - 8} {tx - d * 6},{y1 + 30}",
        f"roundrectangle {x0},{y0} {x1},{y1} 22,22",
        # hide the outline between bubble and tail
        f"fill {fill}", "stroke none", f"rectangle {min(tx, tx + d * 34) + 4},{y1 - 12} "
        f"{max(tx, tx + d * 34) - 4},{y1 - 1}"]


def tick_mark(cx, cy, r, colour=GREEN):
    return style(colour) + [f"circle {cx},{cy} {cx + r},{cy}"] + [
        "fill none", f"stroke {WHITE}", f"stroke-width {r * 0.22:.0f}",
        f"polyline {cx - r * 0.45},{cy + r * 0.02} {cx - r * 0.1},{cy + r * 0.36} "
        f"{cx + r * 0.48},{cy - r * 0.34}"]


def cross_mark(cx, cy, r, colour=RED):
    k = r * 0.38
    return style(colour) + [f"circle {cx},{cy} {cx + r},{cy}"] + [
        "fill none", f"stroke {WHITE}", f"stroke-width {r * 0.22:.0f}",
        f"line {cx - k},{cy - k} {cx + k},{cy + k}", f"line {cx - k},{cy + k} {cx + k},{cy - k}"]


def text(x, y, words, size=40, fill=INK):
    return ["stroke none", f"fill {fill}", f"font-size {size}", f"font '{FONT}'",
            f"text {x},{y} '{words}'"]


def calendar(x0, y0, x1, y1, marked=()):
    out = style(WHITE) + [f"roundrectangle {x0},{y0} {x1},{y1} 12,12"]
    out += style(RED) + [f"roundrectangle {x0},{y0} {x1},{y0 + 44} 12,12",
                         f"rectangle {x0},{y0 + 26} {x1},{y0 + 44}"]
    out += style(INK, INK, 1) + [f"roundrectangle {x0 + 40},{y0 - 16} {x0 + 52},{y0 + 16} 5,5",
                                 f"roundrectangle {x1 - 52},{y0 - 16} {x1 - 40},{y0 + 16} 5,5"]
    cols, rows = 4, 2
    cw, ch = (x1 - x0 - 30) / cols, (y1 - y0 - 74) / rows
    n = 0
    for r in range(rows):
        for c in range(cols):
            if n >= 7:
                break
            fx, fy = x0 + 15 + c * cw + 6, y0 + 58 + r * ch + 6
            out += style(GREEN if n in marked else "#e8ecf2", INK, 3) + [
                f"rectangle {fx},{fy} {fx + cw - 12},{fy + ch - 12}"]
            n += 1
    return out


def sun(cx, cy, r):
    out = ["fill none", f"stroke {ORANGE}", "stroke-width 12", "stroke-linecap round"]
    for dx, dy in [(1, 0), (0.7, 0.7), (0, 1), (-0.7, 0.7), (-1, 0), (-0.7, -0.7), (0, -1),
                   (0.7, -0.7)]:
        out.append(f"line {cx + dx * r * 1.35},{cy + dy * r * 1.35} "
                   f"{cx + dx * r * 1.75},{cy + dy * r * 1.75}")
    return out + style(YELLOW) + [f"circle {cx},{cy} {cx + r},{cy}"]


def bus(x0, y0, x1, y1, colour=ORANGE):
    h = y1 - y0
    out = style(colour) + [f"roundrectangle {x0},{y0} {x1},{y1} 18,18"]
    w = (x1 - x0 - 40) / 3
    for i in range(3):
        wx = x0 + 14 + i * (w + 6)
        out += style("#cfe3ff", INK, 4) + [f"rectangle {wx},{y0 + 16} {wx + w},{y0 + h * 0.45}"]
    out += style("#444444") + [f"circle {x0 + 45},{y1} {x0 + 67},{y1}",
                               f"circle {x1 - 45},{y1} {x1 - 23},{y1}"]
    return out


def heart(cx, cy, s, colour=RED):
    return style(colour) + [
        f"path 'M {cx},{cy + 40 * s} C {cx - 70 * s},{cy - 5 * s} {cx - 45 * s},{cy - 60 * s} "
        f"{cx},{cy - 30 * s} C {cx + 45 * s},{cy - 60 * s} {cx + 70 * s},{cy - 5 * s} "
        f"{cx},{cy + 40 * s} Z'"]


def book(cx, cy):
    return style(WHITE) + [
        f"polygon {cx},{cy - 40} {cx - 90},{cy - 60} {cx - 90},{cy + 40} {cx},{cy + 60}",
        f"polygon {cx},{cy - 40} {cx + 90},{cy - 60} {cx + 90},{cy + 40} {cx},{cy + 60}"] + [
        "fill none", f"stroke {BLUE}", "stroke-width 5",
        f"line {cx - 72},{cy - 30} {cx - 18},{cy - 20}", f"line {cx - 72},{cy - 5} {cx - 18},{cy + 5}",
        f"line {cx + 18},{cy - 20} {cx + 72},{cy - 30}", f"line {cx + 18},{cy + 5} {cx + 72},{cy - 5}"]


def coin(cx, cy, r):
    return style(YELLOW) + [f"circle {cx},{cy} {cx + r},{cy}"] + text(
        cx - r * 0.36, cy + r * 0.42, "£", int(r * 1.2))


def phone(cx, cy):
    return style(INK) + [f"roundrectangle {cx - 52},{cy - 95} {cx + 52},{cy + 95} 18,18"] + \
        style("#cfe3ff", INK, 2) + [f"rectangle {cx - 40},{cy - 72} {cx + 40},{cy + 60}"] + \
        style(WHITE, WHITE, 1) + [f"circle {cx},{cy + 78} {cx + 7},{cy + 78}"]


def pin(cx, cy, colour=RED):
    return style(colour) + [
        f"path 'M {cx},{cy + 95} C {cx - 30},{cy + 45} {cx - 70},{cy + 10} {cx - 70},{cy - 25} "
        f"A 70,70 0 1,1 {cx + 70},{cy - 25} C {cx + 70},{cy + 10} {cx + 30},{cy + 45} "
        f"{cx},{cy + 95} Z'"] + style(WHITE) + [f"circle {cx},{cy - 25} {cx + 26},{cy - 25}"]


def pencil(x0, y0, x1, y1):
    # A pencil from its tip (x0, y0) to its end (x1, y1), drawn on a slant.
    import math
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    ux, uy = dx / length, dy / length
    nx, ny = -uy * 20, ux * 20
    tip_end = (x0 + ux * 45, y0 + uy * 45)
    return style(YELLOW) + [
        f"polygon {tip_end[0] + nx},{tip_end[1] + ny} {x1 + nx},{y1 + ny} {x1 - nx},{y1 - ny} "
        f"{tip_end[0] - nx},{tip_end[1] - ny}"] + style("#f3d9b1") + [
        f"polygon {x0},{y0} {tip_end[0] + nx},{tip_end[1] + ny} {tip_end[0] - nx},{tip_end[1] - ny}"]


def tree(cx, base):
    return style("#8a5a3b") + [f"rectangle {cx - 10},{base - 60} {cx + 10},{base}"] + \
        style(GREEN) + [f"circle {cx},{base - 85} {cx + 42},{base - 85}"]


def moon(cx, cy, r):
    return style(YELLOW) + [f"circle {cx},{cy} {cx + r},{cy}"] + \
        ["fill #ffffff", "stroke none", f"circle {cx + r * 0.45},{cy - r * 0.3} {cx + r * 1.25},{cy - r * 0.3}"]


def star(cx, cy, r, colour=YELLOW):
    import math
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * 0.45
        pts.append(f"{cx + rr * math.cos(a):.1f},{cy + rr * math.sin(a):.1f}")
    return style(colour) + ["polygon " + " ".join(pts)]


def numbered_list():
    out = []
    for i, colour in enumerate([GREEN, BLUE, ORANGE]):
        y = 40 + i * 66
        out += style(colour) + [f"circle 52,{y + 26} 80,{y + 26}"]
        out += text(40 if i else 42, y + 40, str(i + 1), 38, WHITE)
        out += style("#e8ecf2", INK, 5) + [f"roundrectangle 96,{y + 8} 226,{y + 44} 10,10"]
    return out


def no_entry_bubble():
    return bubble(34, 46, 222, 176) + ["fill none", f"stroke {RED}", "stroke-width 16",
                                       "line 62,206 196,20"]


PICTURES = {
    "adult-day-services": {
        # prompts
        "talk": person(70, 118, 1.0, BLUE, SKIN[0]) + person(186, 118, 1.0, GREEN, SKIN[2]) +
        bubble(18, 14, 124, 74) + bubble(132, 14, 238, 74, YELLOW, False),
        "who": person(128, 36, 1.6, PURPLE, SKIN[1]) + text(170, 96, "?", 72, INK),
        "day-service": house(58, 120, 140, 100) + person(205, 140, 0.7, GREEN, SKIN[0]),
        "days-a-week": calendar(30, 46, 226, 222, marked=(0, 2, 4)),
        "meets-needs": tick_mark(82, 140, 56) + heart(184, 132, 1.0),
        "good-day": sun(128, 118, 52),
        "best-three": numbered_list(),
        "statements": bubble(22, 24, 150, 104) + bubble(106, 130, 234, 210, YELLOW, False) +
        text(74, 86, "?", 56) + text(158, 192, "!", 56),
        "write": pencil(70, 200, 210, 60) + ["fill none", f"stroke {INK}", "stroke-width 6",
                                            "line 40,222 150,222"],
        "postcode": pin(128, 110),
        "group": person(64, 60, 0.9, ORANGE, SKIN[1]) + person(192, 60, 0.9, TEAL, SKIN[0]) +
        person(128, 96, 1.0, PURPLE, SKIN[2]),
        "caring": person(92, 50, 1.1, GREEN, SKIN[0]) + person(170, 92, 0.8, BLUE, SKIN[3]) +
        heart(200, 60, 0.55),
        "phone": phone(128, 128),
        # options
        "uses-service": person(90, 60, 1.2, BLUE, SKIN[0]) + house(150, 150, 80, 70),
        "family-carer": person(92, 40, 1.2, GREEN, SKIN[2]) + person(172, 100, 0.8, ORANGE,
                                                                     SKIN[0]) +
        heart(128, 30, 0.45),
        "staff": person(128, 30, 1.7, TEAL, SKIN[0]) + style(WHITE, INK, 4) + [
            "roundrectangle 140,130 180,160 6,6"] + text(146, 153, "ID", 20),
        "partner": house(36, 120, 90, 100, WHITE, BLUE, False) + person(180, 66, 1.1, PURPLE,
                                                                        SKIN[1]) +
        heart(81, 168, 0.45),
        "yes": tick_mark(128, 128, 96),
        "used-to": calendar(30, 46, 226, 222, marked=()) + ["fill none", f"stroke {GREY}",
                                                             "stroke-width 14",
                                                             "line 58,204 198,70"],
        "no": cross_mark(128, 128, 96),
        "friends": person(82, 60, 1.2, ORANGE, SKIN[0]) + person(174, 60, 1.2, BLUE, SKIN[1]) +
        heart(128, 40, 0.45),
        "activities": star(80, 90, 60, YELLOW) + style(BLUE) + [
            "roundrectangle 120,120 226,226 14,14"] + style(RED) + [
            "circle 88,190 118,190"],
        "out-and-about": tree(60, 210) + tree(196, 210) + person(128, 96, 1.0, ORANGE, SKIN[2]),
        "learning": book(128, 128),
        "care": heart(128, 132, 1.5, RED),
        "carer-break": style(TEAL) + ["roundrectangle 40,110 216,200 20,20",
                                      "roundrectangle 56,50 200,130 20,20"] + style("#444444") + [
            "rectangle 52,200 68,228", "rectangle 188,200 204,228"],
        "bus": bus(26, 70, 230, 196),
        "hub": house(30, 110, 196, 110, "#e8ecf2", TEAL, True) +
        person(74, 140, 0.55, ORANGE, SKIN[0]) + person(182, 140, 0.55, PURPLE, SKIN[1]),
        "day-centre": house(48, 110, 160, 110, YELLOW, RED, True),
        "money": coin(96, 150, 56) + coin(168, 100, 56),
        "evening": moon(128, 118, 78) + star(200, 56, 20) + star(60, 200, 14),
        "home-support": house(28, 120, 120, 100) + person(190, 80, 1.1, TEAL, SKIN[0]),
        "prefer-not-to-say": no_entry_bubble(),
    },
}


def draw(path, primitives):
    # One -draw holding everything: each style line applies to the shapes after it.
    cmd = ["convert", "-size", "256x256", "xc:white", "-draw", "\n".join(primitives),
           "-strip", "+dither", "-colors", "64", f"PNG8:{path}"]
    subprocess.run(cmd, check=True)


def main():
    for folder, pictures in PICTURES.items():
        os.makedirs(os.path.join(HERE, folder), exist_ok=True)
        for name, primitives in pictures.items():
            draw(os.path.join(HERE, folder, name + ".png"), primitives)
    print(f"{sum(len(p) for p in PICTURES.values())} pictures written under {HERE}")


if __name__ == "__main__":
    sys.exit(main())
