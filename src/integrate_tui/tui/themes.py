"""The "projector" theme: high contrast for a room with a washed-out beamer."""

from __future__ import annotations

from textual.theme import Theme

PROJECTOR = Theme(
    name="projector",
    primary="#0040c0",
    secondary="#5a2ca0",
    accent="#b35900",
    warning="#9a5b00",
    error="#c00000",
    success="#006b1f",
    foreground="#000000",
    background="#ffffff",
    surface="#f2f2f2",
    panel="#e0e0e0",
    dark=False,
    variables={
        "footer-key-foreground": "#0040c0",
        "block-cursor-background": "#0040c0",
        "block-cursor-foreground": "#ffffff",
        "block-cursor-text-style": "bold",
    },
)
"""Black on white, saturated dark colours, bold cursor: readable from the back of a room."""

DEFAULT_THEME = "textual-dark"
