"""Draw a report as Markdown: pipe tables, bullet lists, and bar charts as text in code blocks
(bars in pairs as two rows a label; a scatter as the table of its points)."""

from __future__ import annotations

import re

from integrate_tui.formats import clip
from integrate_tui.workshop.report_blocks import (
    Bullets,
    Chart,
    Compare,
    Report,
    Scatter,
    Table,
    Text,
)

BAR_WIDTH = 30
LABEL_WIDTH = 28
_EIGHTHS = " ▏▎▍▌▋▊▉"
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def escape(text: str) -> str:
    """User text made literal: Markdown punctuation backslash-escaped, line breaks as spaces."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def paragraph(text: str) -> str:
    """User text as a paragraph that cannot turn into a list or heading by how it starts."""
    escaped = escape(text)
    if escaped.startswith(("-", "+", "=")):
        return "\\" + escaped
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", escaped)


def bar(fraction: float, width: int) -> str:
    """A bar of `fraction` × `width` cells, in eighths of a cell."""
    eighths = round(max(0.0, min(fraction, 1.0)) * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def _leftward(fraction: float, width: int) -> str:
    """A bar growing leftwards, in half cells (Unicode has no right-aligned eighths)."""
    halves = round(max(0.0, min(fraction, 1.0)) * width * 2)
    full, half = divmod(halves, 2)
    return ("▐" if half else "") + "█" * full


def chart_lines(chart: Chart) -> list[str]:
    """The chart's rows: label, bar (left of a zero line when negative), and its text; a
    signed chart's words for each side (e.g. "← loses", "gains →") head it."""
    labels = [clip(b.label, LABEL_WIDTH) for b in chart.bars]
    pad = max(map(len, labels), default=0)
    half = BAR_WIDTH // 2
    lines = []
    if chart.signed and (chart.negative or chart.positive):
        left = f"← {chart.negative}" if chart.negative else ""
        right = f"{chart.positive} →" if chart.positive else ""
        lines.append(f"{'':<{pad}}  {left:>{half}}│{right:<{half}}".rstrip())
    for label, b in zip(labels, chart.bars, strict=True):
        share = abs(b.value) / chart.scale
        if chart.signed:
            left = _leftward(share, half) if b.value < 0 else ""
            right = bar(share, half) if b.value > 0 else ""
            drawn = f"{left:>{half}}│{right:<{half}}"
        else:
            drawn = f"{bar(share, BAR_WIDTH):<{BAR_WIDTH}}"
        lines.append(f"{label:<{pad}}  {drawn}  {b.text}")
    return lines


def _fence(lines: list[str]) -> str:
    """A code fence longer than any run of backticks inside it."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    return "`" * max(3, longest + 1)


def _table(table: Table) -> list[str]:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(escape(c) or " " for c in cells) + " |"

    numeric = table.numeric or [False] * len(table.columns)
    rule = "| " + " | ".join("---:" if n else "---" for n in numeric) + " |"
    return [row(table.columns), rule, *(row(r) for r in table.rows)]


def to_markdown(report: Report) -> str:
    """The whole report as Markdown text."""
    out = [f"# {escape(report.title)}", "", paragraph(report.subtitle), ""]
    for section in report.sections:
        out += [f"{'#' * section.level} {escape(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, Text):
                text = paragraph(block.text)
                out.append(f"**{text}**" if block.strong else text)
            elif isinstance(block, Bullets):
                out += [f"- {escape(item)}" for item in block.items]
            elif isinstance(block, Table):
                out += _table(block)
            elif isinstance(block, Scatter):
                out += [f"**{escape(block.title)}**", "", *_table(block.table())]
            else:
                chart = block.chart() if isinstance(block, Compare) else block
                lines = chart_lines(chart)
                fence = _fence(lines)
                out += [f"**{escape(block.title)}**", "", fence + "text", *lines, fence]
            out.append("")
    return "\n".join(out).rstrip() + "\n"
