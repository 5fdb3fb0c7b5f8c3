"""The one registry of actions: it feeds key bindings, the footer, help and the command palette.

Every binding has an id (`workbench.save`, …) so keys can be remapped with a keymap. An
action's `scope` says where it is bound: the app, the main screen, or the panels whose
levels move (activities and weights).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

APP, MAIN, LEVELS = "app", "main", "levels"


@dataclass(frozen=True)
class Action:
    """A command users can run: its action string, keys, footer label and help text."""

    id: str
    action: str
    keys: str
    label: str
    help: str
    scope: str = APP
    show: bool = True
    palette: bool = True

    def binding(self) -> Binding:
        """The Textual binding, with its remappable id."""
        return Binding(
            self.keys, self.action, self.label, show=self.show, id=f"workbench.{self.id}"
        )


ACTIONS: list[Action] = [
    Action("help", "app.help", "f1", "Help", "Every key, and how scores are computed"),
    Action("save", "app.save", "ctrl+s", "Save", "Save to the open file (asks where if new)"),
    Action("save-as", "app.save_as", "f12", "Save as", "Save to another file", show=False),
    Action("open", "app.open", "ctrl+o", "Open", "Open a scenario file"),
    Action("undo", "app.undo", "ctrl+z", "Undo", "Take back the last change"),
    Action("redo", "app.redo", "ctrl+y", "Redo", "Do the last undone change again"),
    Action("quit", "app.quit", "ctrl+q", "Quit", "Quit (asks first if work is unsaved)"),
    Action(
        "projector",
        "app.projector",
        "f9",
        "Projector",
        "Switch the high-contrast projector theme on or off",
        show=False,
    ),
    Action("compare", "screen.compare", "c", "Compare", "Compare snapshots or files", MAIN),
    Action("snapshot", "screen.snapshot", "s", "Snapshot", "Keep this state by name", MAIN),
    Action("restore", "screen.restore", "r", "Restore", "Bring back a snapshot", MAIN, show=False),
    Action("edit", "screen.edit", "e", "Edit", "Add, change or delete entities", MAIN),
    Action(
        "explain",
        "screen.explain",
        "enter",
        "Explain",
        "Explain the selected number",
        MAIN,
        show=False,
        palette=False,
    ),
    Action(
        "more", "change(1)", "right,plus,equals", "+step", "One step more", LEVELS, palette=False
    ),
    Action("less", "change(-1)", "left,minus", "−step", "One step less", LEVELS, palette=False),
    Action(
        "more-5",
        "change(5)",
        "shift+right",
        "+5 steps",
        "Five steps more",
        LEVELS,
        show=False,
        palette=False,
    ),
    Action(
        "less-5",
        "change(-5)",
        "shift+left",
        "−5 steps",
        "Five steps less",
        LEVELS,
        show=False,
        palette=False,
    ),
    Action("minimum", "bound('min')", "0", "Min", "Set to its minimum", LEVELS, palette=False),
    Action("maximum", "bound('max')", "m", "Max", "Set to its maximum", LEVELS, palette=False),
]


def bindings(scope: str) -> list[Binding]:
    """The bindings of one scope, in registry order."""
    return [a.binding() for a in ACTIONS if a.scope == scope]


def palette_actions() -> list[Action]:
    """The actions offered in the command palette."""
    return [a for a in ACTIONS if a.palette]


def keys_label(keys: str) -> str:
    """`right,plus,equals` → `→ / + / =` for the help screen."""
    names = {
        "right": "→",
        "left": "←",
        "plus": "+",
        "minus": "−",
        "equals": "=",
        "enter": "Enter",
        "shift+right": "shift+→",
        "shift+left": "shift+←",
    }
    return " / ".join(names.get(k, k) for k in keys.split(","))
