"""Charts and the career-path picture as SVG, drawn on the server.

No chart library: a horizontal bar chart, a line chart and a grid of boxes are a few dozen
lines of SVG each, need no JavaScript, print and scale, and keep the page's CSP strict. Every
chart carries a <title> and an aria-label, and the page puts its numbers in a table beside it.
Text comes through jinja2's escaping (Markup.format), never by string concatenation.
"""

from __future__ import annotations

from markupsafe import Markup

CHAR_W = 5.8  # the width of a character of the grid's 10px labels, for wrapping
PALETTE = ("#0b5cad", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0f766e")


def _svg(css: str, role: str, width: int, height: float, title: str, parts: list[Markup]) -> Markup:
    """An SVG element around `parts`, with the title a screen reader announces."""
    opening = Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="{c}" role="{r}" '
        'viewBox="0 0 {w} {h}" aria-label="{t}"><title>{t}</title>'
    ).format(c=css, r=role, w=width, h=height, t=title)
    return opening + Markup("").join(parts) + Markup("</svg>")


def bar_chart(title: str, bars: list[tuple[str, float]], width: int = 640) -> Markup:
    """Horizontal bars, largest first as given, each labelled with its value."""
    row, label_w, pad = 24, 220, 8
    height = row * len(bars) + 2 * pad
    top = max((v for _, v in bars), default=0) or 1
    parts: list[Markup] = []
    for i, (label, v) in enumerate(bars):
        y = pad + i * row
        length = (width - label_w - 60) * v / top
        parts.append(
            Markup(
                '<text x="{lx}" y="{ty}" text-anchor="end" class="axis">{label}</text>'
                '<rect x="{x}" y="{y}" width="{w:.1f}" height="{h}" fill="{c}"/>'
                '<text x="{vx:.1f}" y="{ty}" class="value">{v:g}</text>'
            ).format(
                lx=label_w - 6,
                ty=y + row * 0.65,
                label=label,
                x=label_w,
                y=y + 3,
                w=length,
                h=row - 6,
                c=PALETTE[0],
                vx=label_w + length + 4,
                v=v,
            )  # fmt: skip
        )
    return _svg("chart", "img", width, height, title, parts)


def line_chart(
    title: str, series: dict[str, list[tuple[str, float]]], width: int = 640, height: int = 280
) -> Markup:
    """One line per series over shared x labels (periods), with a legend."""
    left, right, top_pad, bottom = 50, 190, 12, 30
    xs = sorted({x for points in series.values() for x, _ in points})
    top = max((v for points in series.values() for _, v in points), default=0) or 1
    plot_w, plot_h = width - left - right, height - top_pad - bottom

    def px(x: str) -> float:
        return left + (xs.index(x) * plot_w / max(1, len(xs) - 1))

    def py(v: float) -> float:
        return top_pad + plot_h - v * plot_h / top

    parts = [
        Markup('<line x1="{l}" y1="{b}" x2="{r}" y2="{b}" class="axisline"/>').format(
            l=left, r=left + plot_w, b=top_pad + plot_h
        ),
        Markup('<text x="{x}" y="{y}" text-anchor="end" class="axis">{v:g}</text>').format(
            x=left - 4, y=top_pad + 8, v=top
        ),
        Markup('<text x="{x}" y="{y}" text-anchor="end" class="axis">0</text>').format(
            x=left - 4, y=top_pad + plot_h
        ),
    ]
    for x in xs:
        parts.append(
            Markup(
                '<text x="{x:.1f}" y="{y}" text-anchor="middle" class="axis">{label}</text>'
            ).format(x=px(x), y=height - 10, label=x[:4])
        )
    for i, (name, points) in enumerate(sorted(series.items())):
        colour = PALETTE[i % len(PALETTE)]
        path = " ".join(f"{px(x):.1f},{py(v):.1f}" for x, v in sorted(points))
        parts.append(
            Markup('<polyline points="{p}" fill="none" stroke="{c}" stroke-width="2"/>').format(
                p=path, c=colour
            )
        )
        parts.append(
            Markup(
                '<rect x="{x}" y="{y}" width="10" height="10" fill="{c}"/>'
                '<text x="{tx}" y="{ty}" class="axis">{n}</text>'
            ).format(
                x=width - right + 10,
                y=top_pad + i * 18,
                c=colour,
                tx=width - right + 24,
                ty=top_pad + i * 18 + 9,
                n=name,
            )  # fmt: skip
        )
    return _svg("chart", "img", width, height, title, parts)


def career_grid(cells: list[dict], link: dict[str, str], width: int = 900) -> Markup:
    """Section 4 as the dossier draws it: rows are levels (1 at the top), columns paths.
    Each box links to the qualification that describes the profession, or to its own page."""
    rows = max((int(c["row"]) for c in cells), default=1)
    columns = max((int(c["column"]) for c in cells), default=1)
    box_w, box_h, gap = (width - 20) / columns - 10, 56, 10
    height = rows * (box_h + gap) + gap
    parts: list[Markup] = []
    for c in cells:
        x = 10 + (int(c["column"]) - 1) * (box_w + 10)
        y = gap + (int(c["row"]) - 1) * (box_h + gap)
        words = str(c["title"]).split()
        lines, current = [], ""
        for word in words:
            if len(current) + len(word) > box_w / CHAR_W and current:
                lines.append(current)
                current = word
            else:
                current = f"{current} {word}".strip()
        lines.append(current)
        text = Markup("").join(
            Markup('<tspan x="{x:.1f}" dy="{dy}"{fit}>{t}</tspan>').format(
                x=x + box_w / 2,
                dy="0" if i == 0 else "1.1em",
                t=line,
                fit=Markup(' textLength="{:.0f}" lengthAdjust="spacingAndGlyphs"').format(box_w - 8)
                if len(line) * CHAR_W > box_w - 8
                else "",
            )
            for i, line in enumerate(lines[:3])
        )
        css = "cell linked" if c.get("qualification") else "cell"
        parts.append(
            Markup(
                '<a href="{href}" class="{css}"><rect x="{x:.1f}" y="{y}" width="{w:.1f}" '
                'height="{h}" rx="6"/><text x="{tx:.1f}" y="{ty}" text-anchor="middle">{text}'
                "</text></a>"
            ).format(
                href=link[str(c["title"])],
                css=css,
                x=x,
                y=y,
                w=box_w,
                h=box_h,
                tx=x + box_w / 2,
                ty=y + 20,
                text=text,
            )  # fmt: skip
        )
    # links inside: a group, not an image (axe: nested-interactive)
    return _svg(
        "grid", "group", width, height, "Samenhang: the career-path grid of section 4", parts
    )
