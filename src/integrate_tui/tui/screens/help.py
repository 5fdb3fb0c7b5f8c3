"""Help (F1): the keys active where F1 was pressed, every key of the action registry, and how
the scores are computed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from integrate_tui.tui import actions
from integrate_tui.tui.widgets.footer import Footer

SCOPES = {
    actions.APP: "Anywhere",
    actions.MAIN: "Main screen",
    actions.LEVELS: "Activities and priorities",
    actions.WORKSHOP: "Workshop mode",
}

EXTRA_KEYS = [
    ("Tab / shift+Tab", "Move between activities, score and priorities", "Main screen"),
    ("click or drag a bar", "Set funding where you click or let go", "Activities and priorities"),
    ("ctrl+p", "Command palette: every action, and “Go to …” any entity", "Anywhere"),
    ("Esc", "Close a dialog or go back", "Anywhere"),
]

SCORING = """\
[b]How the scores are computed[/b]

[b]Funding[/b] 1.0 means an activity is fully funded as costed; it moves in the activity's
step between its minimum and maximum.

[b]Benefit[/b] grows with funding along the activity's response curve: linear,
diminishing (early money counts most), threshold (little until a critical mass), or its
own points. Beyond 1.0 extra funding yields less and less.

[b]Interactions[/b] scale an activity's benefit by 1 + Σ effect × how far each partner is
funded: synergy (> 0) adds, interference (< 0) takes away.

[b]Value scores[/b] add each activity's impact × benefit, scaled so that −100 … +100 spans
the most any funding could reach.

[b]Integrated score[/b] is the mean of the value scores weighted by the priorities
(weights are relative: they are scaled to sum to 1).

[b]Interests[/b] are satisfied through the values they care about and, when they have a
direct stake in activities, through that support (one third of the mix).

[b]Resources[/b]: each activity uses its cost × funding; a gauge turns red over capacity
and says by how much. [b]Fairness[/b] is the satisfaction of the worst-off interest.

[b]Robust[/b] beside each activity: how often it is funded in the optimal package when the
priorities are uncertain (2,000 draws around the stated weights, seeded); dim while it is
recomputed after an edit.

Press [b]Enter[/b] on any number to see the activities behind it, through which values.
"""


def _unwrap(text: str) -> str:
    """Join the lines of each paragraph, so the text wraps to whatever width there is."""
    return "\n\n".join(" ".join(p.split("\n")) for p in text.strip().split("\n\n"))


class HelpScreen(Screen[None]):
    """Keys on the left, the scoring explanation on the right; Esc or F1 goes back."""

    DEFAULT_CSS = """
    HelpScreen Horizontal { height: 1fr; }
    HelpScreen.-narrow Horizontal { layout: vertical; }
    HelpScreen.-narrow #scoring { border-left: none; border-top: solid $primary 50%; }
    HelpScreen DataTable { width: 1fr; height: 1fr; }
    HelpScreen #scoring { width: 1fr; padding: 0 2; border-left: solid $primary 50%; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 (Textual's own)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1", "dismiss", "Back", id="help.back"),
    ]

    def __init__(self, active: Iterable[ActiveBinding] = ()) -> None:
        """`active`: the bindings active where F1 was pressed. Those of ours the registry does
        not list come first, as "Here": a screen's own keys, and a widget's shown in the
        footer (not the cursor keys every list has). Keys of one binding share a row."""
        super().__init__()
        listed = {a.action for a in actions.ACTIONS}
        self._here: dict[str, tuple[list[str], str]] = {}
        for b in active:
            binding = b.binding
            if binding.id is None or binding.action in listed or not binding.description:
                continue
            if binding.show or isinstance(b.node, Screen):
                keys, _ = self._here.setdefault(binding.id, ([], binding.description))
                keys.append(binding.key)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield DataTable(cursor_type="row", zebra_stripes=True, id="keys")
            with VerticalScroll(id="scoring"):
                yield Static(_unwrap(SCORING))
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Keys", width=18)
        table.add_column("Does", width=46)
        table.add_column("Where", width=24)
        for keys, does in self._here.values():
            table.add_row(actions.keys_label(",".join(keys)), does, "Here")
        for action in actions.ACTIONS:
            table.add_row(actions.keys_label(action.keys), action.help, SCOPES[action.scope])
        for row in EXTRA_KEYS:
            table.add_row(*row)
        table.focus()
