"""Draw a report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts.

It opens offline and prints well. Every piece of text, user-written or not, goes through
`html.escape`, so a name like `<script>` is shown, never run.
"""

from __future__ import annotations

from html import escape

from integrate_tui.formats import clip
from integrate_tui.workshop.report_blocks import (
    Block,
    Bullets,
    Chart,
    Report,
    Table,
    Text,
)

LABEL_WIDTH, BAR_WIDTH, VALUE_WIDTH, ROW_HEIGHT = 230, 360, 80, 22
MAX_LABEL = 34

STYLE = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a202c;
       background: #fff; margin: 0; }
main { max-width: 62rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.9rem; margin: 0 0 .2rem; }
h2 { font-size: 1.4rem; margin: 2.4rem 0 .6rem; border-bottom: 2px solid #cbd5e0; }
h3 { font-size: 1.15rem; margin: 1.8rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .3rem; color: #4a5568; }
.subtitle { color: #4a5568; margin-top: 0; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #cbd5e0; padding: .25rem .55rem; vertical-align: top; }
th { background: #edf2f7; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: .8rem 0 1.2rem; }
figcaption { font-weight: 600; margin-bottom: .2rem; }
svg { max-width: 100%; height: auto; }
svg text { font: 12px system-ui, sans-serif; fill: #1a202c; }
.pos { fill: #2b6cb0; } .neg { fill: #c53030; } .axis { stroke: #718096; }
@media print { h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
"""


def svg_chart(chart: Chart) -> str:
    """A horizontal bar chart as inline SVG; negative bars grow left of a zero line."""
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = ROW_HEIGHT * len(chart.bars) + 8
    zero = LABEL_WIDTH + (BAR_WIDTH / 2 if chart.signed else 0)
    span = BAR_WIDTH / 2 if chart.signed else BAR_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(chart.title)}">'
    ]
    for i, b in enumerate(chart.bars):
        y = 4 + i * ROW_HEIGHT
        length = span * abs(b.value) / chart.scale
        x = zero - length if b.value < 0 else zero
        mid = y + ROW_HEIGHT / 2 + 4
        parts.append(
            f"<g><title>{escape(b.label)}: {escape(b.text)}</title>"
            f'<text x="{LABEL_WIDTH - 8}" y="{mid:.1f}" text-anchor="end">'
            f"{escape(clip(b.label, MAX_LABEL))}</text>"
            f'<rect class="{"neg" if b.value < 0 else "pos"}" x="{x:.1f}" y="{y + 3}" '
            f'width="{length:.1f}" height="{ROW_HEIGHT - 6}"/>'
            f'<text x="{LABEL_WIDTH + BAR_WIDTH + 8}" y="{mid:.1f}">{escape(b.text)}</text></g>'
        )
    parts.append(
        f'<line class="axis" x1="{zero:.1f}" y1="2" x2="{zero:.1f}" y2="{height - 2}"/></svg>'
    )
    return "".join(parts)


def _table(table: Table) -> str:
    numeric = table.numeric or [False] * len(table.columns)

    def cell(tag: str, text: str, number: bool) -> str:
        css = ' class="num"' if number else ""
        return f"<{tag}{css}>{escape(text)}</{tag}>"

    head = "".join(cell("th", c, n) for c, n in zip(table.columns, numeric, strict=True))
    body = "".join(
        "<tr>" + "".join(cell("td", c, n) for c, n in zip(row, numeric, strict=True)) + "</tr>"
        for row in table.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def block_html(block: Block) -> str:
    """One block as HTML."""
    if isinstance(block, Text):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Table):
        return _table(block)
    return f"<figure><figcaption>{escape(block.title)}</figcaption>{svg_chart(block)}</figure>"


def to_html(report: Report) -> str:
    """The whole report as a standalone HTML document."""
    body = [
        f"<h1>{escape(report.title)}</h1>",
        f'<p class="subtitle">{escape(report.subtitle)}</p>',
    ]
    for section in report.sections:
        body.append(f"<h{section.level}>{escape(section.title)}</h{section.level}>")
        body += [block_html(block) for block in section.blocks]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(report.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        "<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )
