"""The one registry of actions: it feeds key bindings, the footer, help and the command palette.

Every binding has an id (`workbench.save`, …) so keys can be remapped with a keymap. An
action's `scope` says where it is bound: the app, the main screen, or the panels whose
levels move (activities and weights).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

APP, MAIN, LEVELS = "app", "main", "levels"
WORKSHOP = "workshop"
"""Scope of the workshop screen's keys; its own palette provider offers them."""
FUND, BOUNDS = "Fund", "Min/max"
"""Groups of keys the footer lists as one item (`←→ Fund`)."""


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
    group: str = ""
    """Footer label shared by neighbouring actions shown as one item (`←→ Fund`)."""

    def binding(self) -> Binding:
        """The Textual binding, with its remappable id."""
        group = Binding.Group(self.group, compact=True) if self.group else None
        return Binding(
            self.keys,
            self.action,
            self.label,
            show=self.show,
            id=f"workbench.{self.id}",
            group=group,
        )


ACTIONS: list[Action] = [
    Action("help", "app.help", "f1", "Help", "Every key, and how scores are computed"),
    Action("save", "app.save", "ctrl+s", "Save", "Save to the open file (asks where if new)"),
    Action("save-as", "app.save_as", "f12", "Save as", "Save to another file", show=False),
    Action("open", "app.open", "ctrl+o", "Open", "Open a scenario file"),
    Action(
        "export",
        "app.export",
        "ctrl+e",
        "Export…",
        "Write the package and its scores as a spreadsheet (.xlsx, or .csv of the activities)",
        show=False,
    ),
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
    Action(
        "autobalance",
        "screen.autobalance",
        "a",
        "Auto-balance",
        "Find the best funding for an objective, preview it, apply it as one step",
        MAIN,
    ),
    Action(
        "tradeoffs",
        "screen.tradeoffs",
        "t",
        "Tradeoffs",
        "Frontier, efficiency curve, tornado and funding probabilities",
        MAIN,
    ),
    Action(
        "silos",
        "screen.silos",
        "v",
        "Silos",
        "Silo envelopes: move resources between silos, see the ledger and marginal values",
        MAIN,
    ),
    Action(
        "workshop",
        "app.workshop",
        "w",
        "Workshop",
        "Rounds, priorities, votes, decision log, projector",
        MAIN,
    ),
    Action("edit", "screen.edit", "e", "Edit", "Add, change or delete entities", MAIN),
    Action("snapshot", "screen.snapshot", "s", "Snapshot", "Keep this state by name", MAIN),
    Action("restore", "screen.restore", "r", "Restore", "Bring back a snapshot", MAIN, show=False),
    Action("compare", "screen.compare", "c", "Compare", "Compare snapshots or files", MAIN),
    Action(
        "dividend",
        "screen.dividend",
        "d",
        "Dividend",
        "The integration dividend: siloed against integrated optimum",
        MAIN,
    ),
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
        "less",
        "change(-1)",
        "left,minus",
        "−step",
        "One step less",
        LEVELS,
        palette=False,
        group=FUND,
    ),
    Action(
        "more",
        "change(1)",
        "right,plus,equals",
        "+step",
        "One step more",
        LEVELS,
        palette=False,
        group=FUND,
    ),
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
    Action(
        "minimum",
        "bound('min')",
        "0",
        "Min",
        "Set to its minimum",
        LEVELS,
        show=False,
        palette=False,
        group=BOUNDS,
    ),
    Action(
        "maximum",
        "bound('max')",
        "m",
        "Max",
        "Set to its maximum",
        LEVELS,
        show=False,
        palette=False,
        group=BOUNDS,
    ),
]


def _workshop(key: str, action: str, keys: str, label: str, help: str, show: bool = True) -> Action:
    """A workshop-screen action; the app's palette skips it (the screen offers its own)."""
    return Action(f"workshop-{key}", action, keys, label, help, WORKSHOP, show, palette=False)


ACTIONS += [
    _workshop("back", "app.workbench", "w,escape", "Workbench", "Back to the workbench"),
    *(
        _workshop(f"pane-{n}", f"screen.pane({n})", str(n), name, f"Show the {name} pane", False)
        for n, name in enumerate(
            ("Agenda", "People", "Priorities", "Group", "Vote", "Log", "Replay"), start=1
        )
    ),
    _workshop("add", "screen.add", "a", "Add", "Add a round, a participant or an option"),
    _workshop("edit", "screen.edit", "e", "Edit", "Edit the selected round or participant"),
    _workshop("remove", "screen.remove", "delete", "Remove", "Remove the selected item", False),
    _workshop("start", "screen.start", "s", "Start", "Start the selected round"),
    _workshop("close", "screen.close", "x", "Close", "Close the open round and save"),
    _workshop("timer", "screen.timer", "t", "Timer", "Pause or resume the countdown"),
    _workshop("input", "screen.priorities", "i", "Priorities", "Enter someone's priorities"),
    _workshop("method", "screen.method", "g", "Method", "Next aggregation method"),
    _workshop("apply", "screen.apply", "A", "Apply", "Apply the group weights (one undo step)"),
    _workshop(
        "consensus",
        "screen.consensus",
        "C",
        "Consensus",
        "Consensus: who wants what, the cost to each",
    ),
    _workshop("option", "screen.option", "o", "Option", "Keep funding and weights as an option"),
    _workshop("dots", "screen.dots", "v", "Dots", "Enter someone's dot vote"),
    _workshop("rank", "screen.rank", "r", "Rank", "Enter someone's ranking of the options"),
    _workshop("log", "screen.log", "l", "Log", "Add a decision, rationale or objection, and save"),
    _workshop("inbox", "screen.inbox", "n", "Inbox", "Collect remote submissions now"),
    _workshop("projector", "screen.projector", "p,f5", "Projector", "Projector view on or off"),
    _workshop("report", "screen.report", "ctrl+r", "Report", "Write the report beside the file"),
]


def bindings(scope: str) -> list[BindingType]:
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
