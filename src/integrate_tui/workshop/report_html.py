"""Draw a report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts.

It opens offline and prints well. Every piece of text, user-written or not, goes through
`html.escape`, so a name like `<script>` is shown, never run.
"""

from __future__ import annotations

from html import escape

from integrate_tui.workshop.report_blocks import (
    Block,
    Bullets,
    Compare,
    Report,
    Scatter,
    Section,
    Table,
    Text,
)
from integrate_tui.workshop.report_svg import chart_svg, compare_svg, scatter_svg

STYLE = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a202c;
       background: #fff; margin: 0; }
main { max-width: 62rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.9rem; margin: 0 0 .2rem; line-height: 1.2; }
h2 { font-size: 1.4rem; margin: 2.4rem 0 .6rem; border-bottom: 2px solid #cbd5e0; }
h3 { font-size: 1.15rem; margin: 1.8rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .3rem; color: #4a5568; }
.subtitle { color: #4a5568; margin-top: 0; }
section.lead { background: #f7fafc; border: 1px solid #cbd5e0; border-radius: 6px;
               padding: .2rem 1.2rem 1rem; margin-top: 1.6rem; }
section.lead h2 { margin-top: 1rem; }
p.strong { font-size: 1.1rem; font-weight: 600; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .9rem; display: block;
        max-width: 100%; overflow-x: auto; }
th, td { border: 1px solid #cbd5e0; padding: .25rem .55rem; vertical-align: top; }
th { background: #edf2f7; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: .8rem 0 1.2rem; }
figcaption { font-weight: 600; margin-bottom: .2rem; }
svg { width: 100%; max-width: 30rem; height: auto; display: block; }
svg text { font-family: system-ui, sans-serif; fill: #1a202c; }
svg .label { font-size: 13px; } svg .value, svg .legend { font-size: 12px; }
svg .legend { fill: #4a5568; }
.pos, .after { fill: #2b6cb0; } .neg { fill: #c53030; } .before { fill: #a0aec0; }
.axis { stroke: #718096; } .grid { stroke: #e2e8f0; }
.frontier { fill: none; stroke: #2b6cb0; stroke-width: 1.5; } .dot { fill: #2b6cb0; }
.mark { fill: #1a202c; }
@media (max-width: 40rem) {
  main { padding: 1rem .5rem 3rem; } h1 { font-size: 1.5rem; } h2 { font-size: 1.25rem; }
  section.lead { padding: .1rem .5rem .6rem; }
  table { font-size: .8rem; } th, td { padding: .2rem .35rem; }
}
@media print { h2 { break-after: avoid; } figure, table { break-inside: avoid; }
               table { display: table; } }
"""


def _figure(title: str, svg: str) -> str:
    return f"<figure><figcaption>{escape(title)}</figcaption>{svg}</figure>"


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


def block_html(block: Block, key: str = "chart") -> str:
    """One block as HTML; `key` makes a chart's element ids unique on the page."""
    if isinstance(block, Text):
        css = ' class="strong"' if block.strong else ""
        return f"<p{css}>{escape(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Compare):
        return _figure(block.title, compare_svg(block, key))
    if isinstance(block, Scatter):
        return _figure(block.title, scatter_svg(block, key)) + _table(block.table())
    return _figure(block.title, chart_svg(block, key))


def _section(section: Section, n: int) -> str:
    heading = f"<h{section.level}>{escape(section.title)}</h{section.level}>"
    parts = [heading, *(block_html(b, f"c{n}-{i}") for i, b in enumerate(section.blocks))]
    if section.lead:
        return '<section class="lead">\n' + "\n".join(parts) + "\n</section>"
    return "\n".join(parts)


def to_html(report: Report) -> str:
    """The whole report as a standalone HTML document."""
    body = [
        f"<h1>{escape(report.title)}</h1>",
        f'<p class="subtitle">{escape(report.subtitle)}</p>',
        *(_section(section, n) for n, section in enumerate(report.sections)),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(report.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        "<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )
