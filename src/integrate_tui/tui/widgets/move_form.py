"""The move between silos as controls: resource, from, to, amount (or share) and fill policy.

Two groups of choices, "Move [amount] [resource] fill [policy]" and "from [silo] to [silo]",
side by side on one line where the screen is wide and one under the other where it is
narrow (the silo view's `-narrow` class), so every choice stays in view at 80 columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Select

from integrate_tui.model import Scenario
from integrate_tui.tui.format import plain_options
from integrate_tui.tui.widgets.typed_input import TypedInput

FILLS = (("proportional", "proportional"), ("best use", "best"))


@dataclass(frozen=True)
class MoveRequest:
    """What the controls say: move `amount` (text: "100" or "25%") of a resource, filled so."""

    resource: str
    source: str
    target: str
    amount: str
    fill: str


class MoveForm(Vertical):
    """One row of choices and one of buttons; posts `Changed` whenever a choice moves."""

    DEFAULT_CSS = """
    MoveForm { height: auto; padding: 0 1; }
    MoveForm Horizontal { height: 1; }
    MoveForm #choices { height: auto; }
    MoveForm #choices > Horizontal { width: auto; }
    MoveForm Label { padding: 0 1 0 0; }
    MoveForm Select { margin-right: 2; }
    MoveForm Select:focus > SelectCurrent { background: $primary 40%; }
    MoveForm #resource { width: 28; }
    MoveForm #source, MoveForm #target { width: 26; }
    MoveForm #fill { width: 16; }
    MoveForm Input { width: 10; margin-right: 2; }
    MoveForm Input:focus { background: $primary 40%; }
    MoveForm Button { min-width: 10; height: 1; border: none; margin-right: 1; }
    """

    class Changed(Message):
        """A choice changed."""

    class Pressed(Message):
        """A button was pressed: "source", "target" or "apply"."""

        def __init__(self, which: str) -> None:
            super().__init__()
            self.which = which

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self._scenario = scenario

    def compose(self) -> ComposeResult:
        s = self._scenario
        resources, silos = _resources(s), _silos(s)
        with Horizontal(id="choices"):
            with Horizontal(id="what"):
                yield Label("Move")
                yield TypedInput(
                    placeholder="amount",
                    id="amount",
                    tooltip="an amount, or a share: 25%",
                    compact=True,
                )
                yield Select(resources, value=s.resources[0].id, allow_blank=False,
                             id="resource", compact=True)  # fmt: skip
                yield Label("fill")
                yield Select(FILLS, value="proportional", allow_blank=False, id="fill",
                             compact=True)  # fmt: skip
            with Horizontal(id="between"):
                yield Label("from")
                yield Select(silos, id="source", compact=True, prompt="silo")
                yield Label("to")
                yield Select(silos, id="target", compact=True, prompt="silo")
        with Horizontal():
            yield Button("From: selected silo (f)", id="source-button", compact=True)
            yield Button("To: selected silo (t)", id="target-button", compact=True)
            yield Button("Apply (a)", id="apply-button", variant="primary", compact=True)

    def offer(self, scenario: Scenario) -> None:
        """Offer the scenario's silos and resources (after an undo or another file), keeping
        the choices that still exist."""
        chosen = self.request()
        silos = _silos(scenario)
        for key, options, value in (
            ("resource", _resources(scenario), chosen.resource),
            ("source", silos, chosen.source),
            ("target", silos, chosen.target),
        ):
            widget = self.query_one(f"#{key}", Select)
            widget.set_options(options)
            if any(value == ident for _, ident in options):
                widget.value = value

    def request(self) -> MoveRequest:
        """The move the controls describe (blank choices as empty text)."""

        def text(key: str) -> str:
            widget = self.query_one(f"#{key}", Select)
            return "" if widget.is_blank() else str(widget.value)

        amount = self.query_one("#amount", Input).value
        return MoveRequest(text("resource"), text("source"), text("target"), amount, text("fill"))

    def choose(self, key: str, value: str) -> None:
        """Set one choice: "resource", "source", "target", "fill" or "amount"."""
        if key == "amount":
            self.query_one("#amount", Input).value = value
        else:
            self.query_one(f"#{key}", Select).value = value

    @on(Select.Changed)
    @on(Input.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Changed())

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Pressed(str(event.button.id).removesuffix("-button")))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in the amount applies the move, as the Apply button does."""
        event.stop()
        self.post_message(self.Pressed("apply"))


def _silos(scenario: Scenario) -> list[tuple[Text, str]]:
    """Silos by name (as written), chosen by id."""
    return plain_options((x.name, x.id) for x in scenario.silos)


def _resources(scenario: Scenario) -> list[tuple[Text, str]]:
    """Resources by name (as written), chosen by id."""
    return plain_options((r.name, r.id) for r in scenario.resources)
