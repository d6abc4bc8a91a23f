#!/usr/bin/env python3
"""Generate archboard's own icon set: one flat SVG per catalog id.

Usage:
    python3 assets/icons/generate.py          # (re)write every <id>.svg next to this script
    python3 assets/icons/generate.py --check  # only validate the SVGs already on disk

Every icon is a 48x48 rounded square in its category colour with a white pictogram on it.
The artwork is original and deliberately simple. Only a small SVG subset is used so that a
renderer with limited SVG support shows the icons correctly: rect, circle, ellipse, line,
polyline, polygon and path (absolute M/L/H/V/C/Q/A/Z only), flat fills and strokes, no
groups, text, fonts, gradients, filters, CSS, transforms or external references.

No icon uses letters: each service is told apart at 32 px by its glyph alone (the tiny stroke
font below is kept for artwork that needs a letter one day). Group header icons (`group_*`) are
square, in the colour of their group kind.

Python 3 standard library only.
"""

import math
import os
import re
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
WHITE = "#FFFFFF"
NOTE_YELLOW = "#F2C94C"
NOTE_DETAIL = "#B8860B"

CATEGORIES = {
    "compute": ("#E07B00", ["ec2", "auto_scaling", "lambda", "batch"]),
    "containers": ("#C8511B", ["ecs", "eks", "fargate"]),
    "storage": ("#3F8624", ["s3", "ebs", "efs", "glacier", "storage_gateway", "backup"]),
    "database": ("#3B48CC", ["dynamodb", "dax", "rds", "aurora", "elasticache", "redshift"]),
    "networking": ("#7B4FE0", ["vpc_endpoint", "nat_gateway", "internet_gateway", "cloudfront",
                               "route53", "alb", "nlb", "api_gateway", "app_mesh"]),
    "integration": ("#D6246E", ["appsync", "sqs", "sns", "eventbridge", "step_functions"]),
    "analytics": ("#0F7C8C", ["kinesis_data_streams", "kinesis_firehose",
                              "kinesis_data_analytics", "athena", "emr", "glue", "opensearch"]),
    "security": ("#D13245", ["cognito", "iam", "waf", "shield", "kms", "secrets_manager"]),
    "management": ("#A3166B", ["cloudwatch", "xray", "cloudtrail"]),
    "developer_tools": ("#2E73B8", ["codepipeline", "codebuild", "codedeploy"]),
    "machine_learning": ("#018F78", ["sagemaker", "bedrock"]),
    "generic": ("#5A6B7B", ["client", "mobile_client", "external_service", "service", "database",
                            "queue", "cache", "load_balancer", "router", "worker", "note"]),
}

# ---------------------------------------------------------------------------------------------
# Primitive writers. Each returns one SVG element as a string.


def n(v):
    """Format a number compactly (at most 2 decimals)."""
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def pts(points):
    return " ".join(f"{n(x)},{n(y)}" for x, y in points)


def _stroke(color, w):
    return (f'fill="none" stroke="{color}" stroke-width="{n(w)}" '
            f'stroke-linecap="round" stroke-linejoin="round"')


def line(x1, y1, x2, y2, w=3, color=WHITE):
    return f'<line x1="{n(x1)}" y1="{n(y1)}" x2="{n(x2)}" y2="{n(y2)}" {_stroke(color, w)}/>'


def polyline(points, w=3, color=WHITE):
    return f'<polyline points="{pts(points)}" {_stroke(color, w)}/>'


def polygon(points, fill=WHITE):
    return f'<polygon points="{pts(points)}" fill="{fill}"/>'


def polygon_stroke(points, w=3, color=WHITE):
    return f'<polygon points="{pts(points)}" {_stroke(color, w)}/>'


def path(d, w=3, color=WHITE):
    return f'<path d="{d}" {_stroke(color, w)}/>'


def path_fill(d, fill=WHITE):
    return f'<path d="{d}" fill="{fill}"/>'


def circle(cx, cy, r, fill=WHITE):
    return f'<circle cx="{n(cx)}" cy="{n(cy)}" r="{n(r)}" fill="{fill}"/>'


def ring(cx, cy, r, w=3, color=WHITE):
    return f'<circle cx="{n(cx)}" cy="{n(cy)}" r="{n(r)}" {_stroke(color, w)}/>'


def ellipse_stroke(cx, cy, rx, ry, w=3, color=WHITE):
    return (f'<ellipse cx="{n(cx)}" cy="{n(cy)}" rx="{n(rx)}" ry="{n(ry)}" '
            f'{_stroke(color, w)}/>')


def rect(x, y, w, h, rx=0, fill=WHITE):
    return (f'<rect x="{n(x)}" y="{n(y)}" width="{n(w)}" height="{n(h)}" rx="{n(rx)}" '
            f'fill="{fill}"/>')


def rect_stroke(x, y, w, h, rx=0, sw=3, color=WHITE):
    return (f'<rect x="{n(x)}" y="{n(y)}" width="{n(w)}" height="{n(h)}" rx="{n(rx)}" '
            f'{_stroke(color, sw)}/>')


# ---------------------------------------------------------------------------------------------
# Composite helpers.


def polar(cx, cy, r, deg):
    """Point on a circle; degrees clockwise on screen from the +x axis."""
    a = math.radians(deg)
    return cx + r * math.cos(a), cy + r * math.sin(a)


def arrow_head(x, y, dx, dy, size=5.0, w=3, color=WHITE):
    """Open arrow head at (x, y) pointing along (dx, dy)."""
    ln = math.hypot(dx, dy)
    ux, uy = dx / ln, dy / ln
    out = []
    for sgn in (1, -1):
        a = math.radians(35 * sgn)
        bx = -(ux * math.cos(a) - uy * math.sin(a))
        by = -(ux * math.sin(a) + uy * math.cos(a))
        out.append((x + bx * size, y + by * size))
    return polyline([out[0], (x, y), out[1]], w, color)


def arrow(x1, y1, x2, y2, size=5.0, w=3, color=WHITE, both=False):
    els = [line(x1, y1, x2, y2, w, color), arrow_head(x2, y2, x2 - x1, y2 - y1, size, w, color)]
    if both:
        els.append(arrow_head(x1, y1, x1 - x2, y1 - y2, size, w, color))
    return els


def arc(cx, cy, r, a0, a1, w=3, color=WHITE):
    """Circular arc from angle a0 to a1 (degrees, clockwise on screen when a1 > a0)."""
    x0, y0 = polar(cx, cy, r, a0)
    x1, y1 = polar(cx, cy, r, a1)
    large = 1 if abs(a1 - a0) > 180 else 0
    sweep = 1 if a1 > a0 else 0
    return path(f"M{n(x0)} {n(y0)} A{n(r)} {n(r)} 0 {large} {sweep} {n(x1)} {n(y1)}", w, color)


def arc_arrow(cx, cy, r, a0, a1, size=5.0, w=3, color=WHITE):
    """Arc with an arrow head at its a1 end."""
    x1, y1 = polar(cx, cy, r, a1)
    a = math.radians(a1)
    sgn = 1 if a1 > a0 else -1
    dx, dy = -math.sin(a) * sgn, math.cos(a) * sgn
    return [arc(cx, cy, r, a0, a1, w, color), arrow_head(x1, y1, dx, dy, size, w, color)]


def cylinder(cx, top, bottom, rx, ry, w=3, color=WHITE, bands=()):
    """Database cylinder outline: top ellipse, sides and bottom curve; optional band curves."""
    els = [ellipse_stroke(cx, top, rx, ry, w, color),
           path(f"M{n(cx - rx)} {n(top)} V{n(bottom)} A{n(rx)} {n(ry)} 0 0 0 "
                f"{n(cx + rx)} {n(bottom)} V{n(top)}", w, color)]
    for y in bands:
        els.append(path(f"M{n(cx - rx)} {n(y)} A{n(rx)} {n(ry)} 0 0 0 {n(cx + rx)} {n(y)}",
                        w, color))
    return els


def bolt(cx, cy, s=1.0, fill=WHITE):
    """Lightning bolt, about 20 x 32 units at s=1, centred on (cx, cy)."""
    base = [(3, -16), (-10, 3), (-1, 3), (-4, 16), (10, -4), (1, -4), (4, -16)]
    return polygon([(cx + x * s, cy + y * s) for x, y in base], fill)


def wave(y, x0, x1, amp=3.0, periods=2, w=3, color=WHITE):
    """Horizontal wavy line made of quadratic curves."""
    segs = periods * 2
    seg = (x1 - x0) / segs
    d = f"M{n(x0)} {n(y)}"
    for k in range(segs):
        xs = x0 + k * seg
        cy = y - amp * 2 if k % 2 == 0 else y + amp * 2
        d += f" Q{n(xs + seg / 2)} {n(cy)} {n(xs + seg)} {n(y)}"
    return path(d, w, color)


def gear(cx, cy, r_out, r_in, teeth, hole, bg, fill=WHITE):
    """Filled cog with a hole (the hole is painted in the background colour)."""
    p = []
    step = 360 / teeth
    for i in range(teeth):
        a = i * step
        # tooth: flat top between a-step*0.18 .. a+step*0.18, valleys between teeth
        for da, r in ((-0.32, r_in), (-0.17, r_out), (0.17, r_out), (0.32, r_in)):
            p.append(polar(cx, cy, r, a + da * step))
    return [polygon(p, fill), circle(cx, cy, hole, bg)]


def hexagon(cx, cy, r, w=3, color=WHITE):
    return polygon_stroke([polar(cx, cy, r, -90 + 60 * i) for i in range(6)], w, color)


def container_box(x, y, w, h, ribs=2, sw=2.5, color=WHITE):
    """A shipping-container: outlined box with vertical ribs."""
    els = [rect_stroke(x, y, w, h, 1.5, sw, color)]
    for i in range(1, ribs + 1):
        rx = x + w * i / (ribs + 1)
        els.append(line(rx, y + 2.5, rx, y + h - 2.5, sw * 0.8, color))
    return els


# ---------------------------------------------------------------------------------------------
# Tiny stroke font: each glyph is a list of polylines on a 4 (wide) x 6 (tall) grid.

FONT = {
    "A": [[(0, 6), (0, 2), (2, 0), (4, 2), (4, 6)], [(0, 4), (4, 4)]],
    "B": [[(0, 3), (3, 3), (4, 2), (4, 1), (3, 0), (0, 0), (0, 6), (3, 6), (4, 5), (4, 4), (3, 3)]],
    "C": [[(4, 1), (3, 0), (1, 0), (0, 1), (0, 5), (1, 6), (3, 6), (4, 5)]],
    "D": [[(0, 0), (2, 0), (4, 2), (4, 4), (2, 6), (0, 6), (0, 0)]],
    "E": [[(4, 0), (0, 0), (0, 6), (4, 6)], [(0, 3), (3, 3)]],
    "F": [[(4, 0), (0, 0), (0, 6)], [(0, 3), (3, 3)]],
    "G": [[(4, 1), (3, 0), (1, 0), (0, 1), (0, 5), (1, 6), (3, 6), (4, 5), (4, 3), (2, 3)]],
    "H": [[(0, 0), (0, 6)], [(4, 0), (4, 6)], [(0, 3), (4, 3)]],
    "I": [[(1, 0), (3, 0)], [(2, 0), (2, 6)], [(1, 6), (3, 6)]],
    "K": [[(0, 0), (0, 6)], [(4, 0), (0, 4)], [(1.4, 2.6), (4, 6)]],
    "L": [[(0, 0), (0, 6), (4, 6)]],
    "M": [[(0, 6), (0, 0), (2, 3), (4, 0), (4, 6)]],
    "N": [[(0, 6), (0, 0), (4, 6), (4, 0)]],
    "O": [[(1, 0), (3, 0), (4, 1), (4, 5), (3, 6), (1, 6), (0, 5), (0, 1), (1, 0)]],
    "P": [[(0, 6), (0, 0), (3, 0), (4, 1), (4, 2), (3, 3), (0, 3)]],
    "Q": [[(1, 0), (3, 0), (4, 1), (4, 5), (3, 6), (1, 6), (0, 5), (0, 1), (1, 0)],
          [(2.5, 4.5), (4, 6)]],
    "R": [[(0, 6), (0, 0), (3, 0), (4, 1), (4, 2), (3, 3), (0, 3)], [(2, 3), (4, 6)]],
    "S": [[(4, 1), (3, 0), (1, 0), (0, 1), (0, 2), (1, 3), (3, 3), (4, 4), (4, 5), (3, 6),
           (1, 6), (0, 5)]],
    "T": [[(0, 0), (4, 0)], [(2, 0), (2, 6)]],
    "U": [[(0, 0), (0, 5), (1, 6), (3, 6), (4, 5), (4, 0)]],
    "V": [[(0, 0), (2, 6), (4, 0)]],
    "W": [[(0, 0), (1, 6), (2, 3), (3, 6), (4, 0)]],
    "X": [[(0, 0), (4, 6)], [(4, 0), (0, 6)]],
    "Y": [[(0, 0), (2, 3), (4, 0)], [(2, 3), (2, 6)]],
    "3": [[(0, 1), (1, 0), (3, 0), (4, 1), (4, 2), (3, 3), (4, 4), (4, 5), (3, 6), (1, 6),
           (0, 5)], [(1.5, 3), (3, 3)]],
    "5": [[(4, 0), (0, 0), (0, 3), (3, 3), (4, 4), (4, 5), (3, 6), (1, 6), (0, 5)]],
}
GAP = 1.6  # grid units between letters


def text(s, cx, cy, height, w=2.6, color=WHITE):
    """Letters as one stroked path, centred on (cx, cy); `height` is the cap height."""
    k = height / 6.0
    total = (len(s) * 4 + (len(s) - 1) * GAP) * k
    x0 = cx - total / 2
    y0 = cy - height / 2
    d = []
    for i, ch in enumerate(s):
        ox = x0 + i * (4 + GAP) * k
        for stroke in FONT[ch]:
            p = [(ox + x * k, y0 + y * k) for x, y in stroke]
            d.append(f"M{n(p[0][0])} {n(p[0][1])} " +
                     " ".join(f"L{n(x)} {n(y)}" for x, y in p[1:]))
    return path(" ".join(d), w, color)


# ---------------------------------------------------------------------------------------------
# The pictograms. Each function gets the background colour (for cut-outs) and returns a list
# of elements drawn on top of the rounded square.


def ic_ec2(bg):
    els = [rect_stroke(15, 15, 18, 18, 2.5, 3), rect(20, 20, 8, 8, 1)]
    for p in (19, 24, 29):
        els += [line(p, 9.5, p, 14), line(p, 34, p, 38.5),
                line(9.5, p, 14, p), line(34, p, 38.5, p)]
    return els


def ic_auto_scaling(bg):
    els = []
    # corner brackets of a frame
    for (x, y, dx, dy) in ((10, 10, 1, 1), (38, 10, -1, 1), (10, 38, 1, -1), (38, 38, -1, -1)):
        els.append(polyline([(x, y + 6 * dy), (x, y), (x + 6 * dx, y)]))
    els += arrow(19, 33, 19, 15, 5)
    els += arrow(29, 15, 29, 33, 5)
    return els


def ic_lambda(bg):
    return [path("M13 11 H19 L35 37", 4),
            path("M25.5 21.5 L13.5 37", 4)]


def ic_batch(bg):
    els = []
    for r in range(3):
        for c in range(3):
            els.append(rect(12 + c * 9, 12 + r * 9, 6.5, 6.5, 1.5))
    return els


def ic_ecs(bg):
    return (container_box(17.5, 11, 13, 10.5) + container_box(9, 26.5, 13, 10.5) +
            container_box(26, 26.5, 13, 10.5))


def ic_eks(bg):
    # a ship's wheel in a hexagon: containers steered as a fleet
    els = [hexagon(24, 24, 16, 3), ring(24, 24, 7, 3), circle(24, 24, 2.5)]
    for a in range(-90, 270, 60):
        x0, y0 = polar(24, 24, 7, a)
        x1, y1 = polar(24, 24, 12, a)
        els.append(line(x0, y0, x1, y1, 2.6))
    return els


def ic_fargate(bg):
    return (container_box(17, 13, 22, 22, 3, 3) +
            [line(7, 18, 12.5, 18), line(5, 24, 12.5, 24), line(7, 30, 12.5, 30)])


def ic_s3(bg):
    return [ellipse_stroke(24, 15, 13, 4.5),
            path("M11 15 L15 34 A9 3.5 0 0 0 33 34 L37 15")]


def ic_ebs(bg):
    return [rect_stroke(11, 13, 26, 22, 3), ring(24, 24, 6.5, 3), circle(24, 24, 2),
            circle(32.5, 30.5, 1.5)]


def ic_efs(bg):
    return [path("M10 16 V34 A2 2 0 0 0 12 36 H36 A2 2 0 0 0 38 34 V20 A2 2 0 0 0 36 18 "
                 "H24 L21 14 H12 A2 2 0 0 0 10 16 Z"),
            line(15, 24, 33, 24, 3)]


def ic_glacier(bg):
    els = []
    for a in (-90, -30, 30):
        x0, y0 = polar(24, 24, 14, a)
        x1, y1 = polar(24, 24, 14, a + 180)
        els.append(line(x0, y0, x1, y1, 3))
    for a in range(-90, 270, 60):
        mx, my = polar(24, 24, 9, a)
        for da in (-45, 45):
            ex, ey = polar(mx, my, 4.5, a + da)
            els.append(line(mx, my, ex, ey, 2.5))
    return els


def ic_storage_gateway(bg):
    return ([path("M10.5 38 V22 A13.5 13.5 0 0 1 37.5 22 V38")] +
            arrow(16, 29, 32, 29, 5, 3, both=True))


def ic_backup(bg):
    return (arc_arrow(24, 24, 13, 200, -120, 5.5) +
            [polyline([(24, 17), (24, 24), (29, 27)], 3)])


def ic_dynamodb(bg):
    # three separate discs: a table spread over partitions
    els = []
    for top in (11, 20, 29):
        els += [ellipse_stroke(24, top, 12.5, 4, 2.8),
                path(f"M11.5 {n(top)} V{n(top + 4.5)} A12.5 4 0 0 0 36.5 {n(top + 4.5)} V{n(top)}", 2.8)]
    return els


def ic_dax(bg):
    return cylinder(19, 17, 33, 9, 3.5) + [bolt(33.5, 22, 0.7)]


def ic_rds(bg):
    # a cylinder holding a table of rows and columns
    return (cylinder(24, 13, 34, 13, 4.5) +
            [rect(16, 21, 16, 10, 1.2), line(16, 26, 32, 26, 1.8, bg), line(24, 21, 24, 31, 1.8, bg)])


def ic_aurora(bg):
    # a cylinder with a four-pointed star: the managed engine that shines
    star = [(24, 17.5), (26, 24), (32, 26), (26, 28), (24, 34.5), (22, 28), (16, 26), (22, 24)]
    return cylinder(24, 13, 34, 13, 4.5) + [polygon(star)]


def ic_elasticache(bg):
    els = [rect_stroke(14, 10, 20, 28, 3, 3)]
    for y in (16, 24, 32):
        els += [line(9, y, 13, y, 2.5), line(35, y, 39, y, 2.5)]
    els.append(bolt(24, 24, 0.6))
    return els


def ic_redshift(bg):
    return [polyline([(9, 21), (24, 11), (39, 21)], 3),
            polyline([(13, 19), (13, 37), (35, 37), (35, 19)], 3),
            rect(18, 30, 5, 5, 0.8), rect(25, 30, 5, 5, 0.8), rect(21.5, 23.5, 5, 5, 0.8)]


def ic_vpc_endpoint(bg):
    return [line(19.5, 9, 19.5, 15, 3), line(28.5, 9, 28.5, 15, 3),
            path_fill("M14 15 H34 V21 A10 10 0 0 1 14 21 Z"),
            line(24, 30, 24, 39, 3.5)]


def ic_nat_gateway(bg):
    # many private addresses leave through one
    els = [path("M9 13 Q18 13 22 24", 3), path("M9 35 Q18 35 22 24", 3), line(9, 24, 22, 24, 3),
           circle(24, 24, 4.5)]
    return els + arrow(28, 24, 40, 24, 5, 3.2)


def ic_internet_gateway(bg):
    cloud = ("M15 23 A5.5 5.5 0 0 1 14.5 12.2 A8 8 0 0 1 29.5 9.5 "
             "A6.5 6.5 0 0 1 33.5 23 Z")
    return [path(cloud, 3)] + arrow(24, 27.5, 24, 40, 4.5, 3, both=True)


def ic_cloudfront(bg):
    return [ring(24, 24, 13.5, 3), ellipse_stroke(24, 24, 6, 13.5, 2.5),
            line(10.5, 24, 37.5, 24, 2.5), line(13, 17, 35, 17, 2.5), line(13, 31, 35, 31, 2.5)]


def ic_route53(bg):
    return [line(24, 9, 24, 39, 3),
            polygon([(21, 12), (34, 12), (38.5, 16.5), (34, 21), (21, 21)]),
            polygon([(27, 24), (14, 24), (9.5, 28.5), (14, 33), (27, 33)])]


def _balancer(bg, top):
    els = []
    for x in (11, 24, 37):
        els.append(line(24, 15, x, 35, 3))
        els.append(circle(x, 35.5, 3.5))
    if top == "app":
        # a page (layer 7: it reads the request)
        els += [rect(14, 7, 20, 15, 2.5), line(17.5, 11.5, 30.5, 11.5, 2, bg),
                line(17.5, 16.5, 26, 16.5, 2, bg)]
    elif top == "net":
        # a diamond (layer 4: it only sees connections)
        els += [polygon([(24, 5.5), (33, 14.5), (24, 23.5), (15, 14.5)]), circle(24, 14.5, 2.6, bg)]
    else:
        els.append(circle(24, 14, 6))
    return els


def ic_alb(bg):
    return _balancer(bg, "app")


def ic_nlb(bg):
    return _balancer(bg, "net")


def ic_api_gateway(bg):
    left = "M18 11 Q13 11 13 16 V20 Q13 24 9 24 Q13 24 13 28 V32 Q13 37 18 37"
    right = "M30 11 Q35 11 35 16 V20 Q35 24 39 24 Q35 24 35 28 V32 Q35 37 30 37"
    return [path(left, 3), path(right, 3)] + arrow(19, 24, 29, 24, 4.5, 3)


def ic_app_mesh(bg):
    nodes = [(13, 13), (35, 13), (13, 35), (35, 35), (24, 24)]
    els = [line(13, 13, 35, 13, 2.5), line(35, 13, 35, 35, 2.5), line(35, 35, 13, 35, 2.5),
           line(13, 35, 13, 13, 2.5), line(13, 13, 35, 35, 2.5), line(35, 13, 13, 35, 2.5)]
    els += [circle(x, y, 4) for x, y in nodes]
    return els


def ic_appsync(bg):
    return (arc_arrow(24, 24, 12.5, 160, 290, 5.5) + arc_arrow(24, 24, 12.5, 340, 470, 5.5) +
            [circle(24, 24, 3.5)])


def ic_sqs(bg):
    # messages waiting in a pipe, one leaving
    return ([rect_stroke(7, 15, 28, 18, 9, 3)] +
            [rect(11.5 + i * 7, 19.5, 5, 9, 1.2) for i in range(3)] +
            arrow(35, 24, 42.5, 24, 4, 3))


def ic_sns(bg):
    return [circle(24, 24, 4),
            arc(24, 24, 9, -45, 45, 3), arc(24, 24, 15, -40, 40, 3),
            arc(24, 24, 9, 135, 225, 3), arc(24, 24, 15, 140, 220, 3)]


def ic_eventbridge(bg):
    return [line(9, 24, 39, 24, 4),
            line(15, 24, 15, 14, 3), line(33, 24, 33, 14, 3), line(24, 24, 24, 34, 3),
            circle(15, 12.5, 3.5), circle(33, 12.5, 3.5), circle(24, 35.5, 3.5)]


def ic_step_functions(bg):
    return [rect(17, 8, 14, 9, 2), line(24, 17, 24, 22, 3),
            polyline([(14, 29), (14, 22), (34, 22), (34, 29)], 3),
            rect_stroke(8.5, 29.5, 11, 9, 2, 2.8), rect_stroke(28.5, 29.5, 11, 9, 2, 2.8)]


def ic_kinesis_data_streams(bg):
    return [wave(y, 9, 39, 2.2, 2, 3) for y in (15, 24, 33)]


def ic_kinesis_firehose(bg):
    return ([wave(y, 7, 21, 1.8, 1, 2.8) for y in (17, 24, 31)] +
            [polygon_stroke([(23, 12), (33, 20), (33, 28), (23, 36)], 3)] +
            arrow(33, 24, 41, 24, 4, 3))


def ic_kinesis_data_analytics(bg):
    return ([wave(y, 9, 39, 2, 2, 3) for y in (12, 20)] +
            [rect(12, 31, 6, 7, 1), rect(21, 26, 6, 12, 1), rect(30, 29, 6, 9, 1)])


def ic_athena(bg):
    return [ring(21, 21, 11, 3), line(29, 29, 37.5, 37.5, 4.5),
            line(16.5, 25.5, 16.5, 21.5, 2.8), line(21, 25.5, 21, 16, 2.8),
            line(25.5, 25.5, 25.5, 19, 2.8)]


def ic_emr(bg):
    # a cluster: one primary node and the nodes around it
    els = []
    for a in range(-90, 270, 60):
        x, y = polar(24, 24, 13, a)
        els += [line(24, 24, x, y, 2.4), circle(x, y, 4)]
    return els + [circle(24, 24, 5.5)]


def ic_glue(bg):
    return [rect_stroke(8, 18, 20, 12, 6, 3.2), rect_stroke(20, 18, 20, 12, 6, 3.2)]


def ic_opensearch(bg):
    return [ring(27, 20, 9.5, 3), line(33.8, 26.8, 39, 32, 4.5),
            line(9, 30, 19, 30, 3), line(9, 36, 29, 36, 3), line(9, 24, 15, 24, 3)]


def ic_cognito(bg):
    return [rect_stroke(8.5, 12.5, 31, 23, 3, 3), circle(18, 20.5, 3.3),
            path_fill("M12.5 31 C12.5 27 15 25.5 18 25.5 C21 25.5 23.5 27 23.5 31 Z"),
            line(27.5, 20, 34.5, 20, 2.6), line(27.5, 25, 34.5, 25, 2.6),
            line(27.5, 30, 32, 30, 2.6)]


def ic_iam(bg):
    # a person and the key they are given
    return [circle(17, 16, 5.5),
            path_fill("M7 36 C7 28.5 11 24.5 17 24.5 C23 24.5 27 28.5 27 36 Z"),
            ring(33, 17, 5, 3), line(33, 22, 33, 38, 3), line(33, 30, 37.5, 30, 3),
            line(33, 35, 37.5, 35, 3)]


def ic_waf(bg):
    return [rect_stroke(10, 12, 28, 24, 2, 3), line(10, 20, 38, 20, 2.6),
            line(10, 28, 38, 28, 2.6), line(24, 12, 24, 20, 2.6), line(17, 20, 17, 28, 2.6),
            line(31, 20, 31, 28, 2.6), line(24, 28, 24, 36, 2.6)]


def ic_shield(bg):
    return [path("M24 9.5 L36.5 14 V23 C36.5 31 31 36 24 39 C17 36 11.5 31 11.5 23 V14 Z", 3),
            polyline([(18.5, 24), (22.5, 28), (30, 20)], 3)]


def ic_kms(bg):
    return [ring(16, 24, 6.5, 3.2), line(22.5, 24, 38, 24, 3.2),
            line(32, 24, 32, 30, 3.2), line(37, 24, 37, 29, 3.2)]


def ic_secrets_manager(bg):
    return [path("M17 22 V17.5 A7 7 0 0 1 31 17.5 V22", 3.2),
            rect(12.5, 21, 23, 17, 3), circle(24, 28, 2.6, bg), line(24, 29, 24, 33, 2.6, bg)]


def ic_cloudwatch(bg):
    return [arc(24, 30, 13.5, 180, 360, 3),
            line(24, 30, 31, 20.5, 3), circle(24, 30, 3.2),
            line(12, 36.5, 36, 36.5, 3)]


def ic_xray(bg):
    return [ring(24, 24, 10, 3), line(24, 8.5, 24, 17, 3), line(24, 31, 24, 39.5, 3),
            line(8.5, 24, 17, 24, 3), line(31, 24, 39.5, 24, 3), circle(24, 24, 2.6)]


def ic_cloudtrail(bg):
    els = [rect_stroke(12.5, 12, 23, 27, 3, 3), rect(18.5, 9, 11, 6, 2)]
    for y in (21, 27, 33):
        els += [circle(18, y, 1.8), line(22.5, y, 30.5, y, 2.6)]
    return els


def ic_codepipeline(bg):
    return ([rect(6.5, 19.5, 9, 9, 1.5), rect(19.5, 19.5, 9, 9, 1.5), rect(32.5, 19.5, 9, 9, 1.5)] +
            [line(15, 24, 20, 24, 3), line(28, 24, 33, 24, 3),
             line(11, 14, 37, 14, 3), line(11, 34, 37, 34, 3)])


def ic_codebuild(bg):
    # hammer: a handle at 45 degrees and a head across its top end
    hx, hy = 28.5, 19.5
    d = (math.sqrt(0.5), math.sqrt(0.5))        # along the head
    u = (math.sqrt(0.5), -math.sqrt(0.5))       # along the handle (towards the head)
    L, W = 9.5, 3.8
    head = [(hx + d[0] * a + u[0] * b, hy + d[1] * a + u[1] * b)
            for a, b in ((-L, -W), (L, -W), (L, W), (-L, W))]
    return [line(12, 36, hx, hy, 4.5), polygon(head)]


def ic_codedeploy(bg):
    els = arrow(8, 24, 21, 24, 5, 3.2)
    for y in (11, 20.5, 30):
        els += [rect(25, y, 15, 7, 1.5), circle(29, y + 3.5, 1.3, bg)]
    return els


def ic_sagemaker(bg):
    left = [(12, 14), (12, 24), (12, 34)]
    mid = [(24, 19), (24, 29)]
    right = [(36, 24)]
    els = []
    for a in left:
        for b in mid:
            els.append(line(a[0], a[1], b[0], b[1], 2))
    for a in mid:
        for b in right:
            els.append(line(a[0], a[1], b[0], b[1], 2))
    els += [circle(x, y, 3.5) for x, y in left + mid + right]
    return els


def ic_bedrock(bg):
    return [polygon([(24, 10), (38, 17), (24, 24), (10, 17)]),
            polyline([(10, 23.5), (24, 30.5), (38, 23.5)], 3),
            polyline([(10, 30), (24, 37), (38, 30)], 3)]


def ic_client(bg):
    return [circle(24, 16.5, 6.5),
            path_fill("M12 38 C12 30 17 26 24 26 C31 26 36 30 36 38 Z")]


def ic_mobile_client(bg):
    return [rect_stroke(15.5, 9, 17, 30, 3, 3), line(21, 34, 27, 34, 2.6)]


def ic_external_service(bg):
    return ([path("M21 13 H15 A3 3 0 0 0 12 16 V33 A3 3 0 0 0 15 36 H32 A3 3 0 0 0 35 33 V27", 3)] +
            arrow(22, 26, 36, 12, 7, 3))


def ic_service(bg):
    return gear(24, 24, 15, 11, 8, 5, bg)


def ic_database(bg):
    return cylinder(24, 13.5, 33.5, 12.5, 4.5, 3, WHITE, bands=(20.5, 27))


def ic_queue(bg):
    return [rect(7, 18, 7, 12, 1.5), rect(16, 18, 7, 12, 1.5), rect(25, 18, 7, 12, 1.5)] + \
        arrow(34.5, 24, 41, 24, 4, 3)


def ic_cache(bg):
    return [bolt(24, 24, 0.9)]


def ic_load_balancer(bg):
    return _balancer(bg, None)


def ic_router(bg):
    a = "M9 16 H15 C24 16 24 32 33 32 H38"
    b = "M9 32 H15 C24 32 24 16 33 16 H38"
    return [path(a, 3), path(b, 3), arrow_head(39, 32, 1, 0, 5), arrow_head(39, 16, 1, 0, 5)]


def ic_worker(bg):
    c = (29.5, 18.5)
    dvec = (math.sqrt(0.5), -math.sqrt(0.5))     # jaw opening direction
    pvec = (math.sqrt(0.5), math.sqrt(0.5))
    notch = [(c[0] + pvec[0] * s * 3.2 + dvec[0] * t, c[1] + pvec[1] * s * 3.2 + dvec[1] * t)
             for s, t in ((1, 0), (1, 12), (-1, 12), (-1, 0))]
    return [line(12.5, 35.5, 26, 22, 5.5), circle(c[0], c[1], 8.5), polygon(notch, bg)]


def ic_note(bg):
    return [path_fill("M12 9 H29 L37 17 V39 H12 Z"),
            polygon([(29, 9), (29, 17), (37, 17)], NOTE_DETAIL),
            line(16.5, 23, 32, 23, 2.4, NOTE_DETAIL), line(16.5, 28, 32, 28, 2.4, NOTE_DETAIL),
            line(16.5, 33, 26, 33, 2.4, NOTE_DETAIL)]


# ---------------------------------------------------------------------------------------------
# Group header icons: a square (no rounded corners, as AWS draws group headers) in the group
# kind's colour with a white glyph; the colours match `Theme::group_look` in src/render/theme.rs.

GROUPS = {
    "group_aws_cloud": "#232F3E",
    "group_account": "#CD2264",
    "group_region": "#00A4A6",
    "group_vpc": "#8C4FFF",
    "group_public_subnet": "#7AA116",
    "group_private_subnet": "#00A4A6",
    "group_security_group": "#DD344C",
    "group_auto_scaling_group": "#ED7100",
    "group_cell": "#5A6C86",
}

CLOUD = ("M14 33 A7 7 0 0 1 13 19.2 A10 10 0 0 1 31.5 15.5 A8.5 8.5 0 0 1 35 33 Z")


def ic_group_aws_cloud(bg):
    return [path_fill(CLOUD), path("M16 27.5 Q24 31.5 32 27.5", 2.6, bg)]


def ic_group_account(bg):
    return [circle(24, 17, 6.5),
            path_fill("M11.5 38 C11.5 30 17 26.5 24 26.5 C31 26.5 36.5 30 36.5 38 Z")]


def ic_group_region(bg):
    return [line(14, 9, 14, 40, 3.5),
            polygon([(15.5, 10), (36, 10), (30.5, 17.5), (36, 25), (15.5, 25)])]


def ic_group_vpc(bg):
    return [path(CLOUD, 3.2), rect(20, 23, 8, 7, 1), path("M21.5 23 V21 A2.5 2.5 0 0 1 26.5 21 V23", 2)]


def _padlock(open_):
    shackle = ("M16.5 22 V16 A7.5 7.5 0 0 1 31.5 16 V17" if open_ else
               "M16.5 22 V16.5 A7.5 7.5 0 0 1 31.5 16.5 V22")
    return [path(shackle, 3.5), rect(12, 22, 24, 17, 2.5)]


def ic_group_public_subnet(bg):
    return _padlock(True)


def ic_group_private_subnet(bg):
    return _padlock(False)


def ic_group_security_group(bg):
    return [path_fill("M24 8.5 L37 13 V23 C37 31.5 31.5 36.5 24 40 C16.5 36.5 11 31.5 11 23 V13 Z"),
            circle(24, 22, 3.5, bg), line(24, 24, 24, 30, 3, bg)]


def ic_group_auto_scaling_group(bg):
    els = []
    for (x, y, dx, dy) in ((9, 9, 1, 1), (39, 9, -1, 1), (9, 39, 1, -1), (39, 39, -1, -1)):
        els.append(polyline([(x, y + 7 * dy), (x, y), (x + 7 * dx, y)], 3))
    els += arrow(22, 24, 14, 24, 4.5, 3) + arrow(26, 24, 34, 24, 4.5, 3)
    return els


def ic_group_cell(bg):
    return [hexagon(24, 24, 14, 3.2), circle(24, 24, 4.5)]


# ---------------------------------------------------------------------------------------------


def icon_svg(icon_id, colour, radius=9):
    bg = NOTE_YELLOW if icon_id == "note" else colour
    body = globals()["ic_" + icon_id](bg)
    lines = ['<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48">',
             f'  <rect x="0" y="0" width="48" height="48" rx="{radius}" fill="{bg}"/>']
    lines += ["  " + e for e in body]
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


ALLOWED = {
    "svg": {"width", "height", "viewBox"},
    "rect": {"x", "y", "width", "height", "rx", "ry"},
    "circle": {"cx", "cy", "r"},
    "ellipse": {"cx", "cy", "rx", "ry"},
    "line": {"x1", "y1", "x2", "y2"},
    "polyline": {"points"},
    "polygon": {"points"},
    "path": {"d"},
}
PAINT = {"fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "opacity"}
NS = "{http://www.w3.org/2000/svg}"


def check_file(fn):
    """Return a list of problems with one SVG file (empty when it is fine)."""
    problems = []
    try:
        root = ET.parse(fn).getroot()
    except ET.ParseError as e:
        return [f"not well-formed: {e}"]
    if root.tag != NS + "svg":
        problems.append(f"root is {root.tag}")
    if root.get("viewBox") != "0 0 48 48" or root.get("width") != "48" or root.get("height") != "48":
        problems.append("root must be 48x48 with viewBox 0 0 48 48")
    for el in root.iter():
        tag = el.tag[len(NS):] if el.tag.startswith(NS) else el.tag
        if tag not in ALLOWED:
            problems.append(f"element <{tag}> not allowed")
            continue
        for attr in el.attrib:
            if attr not in ALLOWED[tag] and (tag == "svg" or attr not in PAINT):
                problems.append(f"attribute {attr} on <{tag}> not allowed")
        if tag == "path" and re.search(r"[^MLHVCQAZ0-9 .,\-]", el.get("d", "")):
            problems.append(f"path uses a command outside M/L/H/V/C/Q/A/Z: {el.get('d')}")
        if (el.text or "").strip():
            problems.append(f"<{tag}> has text content")
    return problems


def main():
    ids = [(i, c) for _, (c, members) in CATEGORIES.items() for i in members]
    assert len(ids) == len({i for i, _ in ids}) == 65, len(ids)
    if "--check" not in sys.argv:
        for icon_id, colour in ids:
            with open(os.path.join(HERE, icon_id + ".svg"), "w", encoding="utf-8") as f:
                f.write(icon_svg(icon_id, colour))
        for icon_id, colour in GROUPS.items():
            with open(os.path.join(HERE, icon_id + ".svg"), "w", encoding="utf-8") as f:
                f.write(icon_svg(icon_id, colour, 0))
    ids += list(GROUPS.items())
    bad = 0
    for icon_id, _ in ids:
        fn = os.path.join(HERE, icon_id + ".svg")
        if not os.path.exists(fn):
            print(f"{icon_id}: missing")
            bad += 1
            continue
        for p in check_file(fn):
            print(f"{icon_id}: {p}")
            bad += 1
    print(f"{len(ids)} icons, {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
