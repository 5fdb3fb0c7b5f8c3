"""What every input form shares: the message it sends and its readable layout."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static


class Form(Vertical):
    """Someone's input for one round; `send` posts it for whoever hosts the form: the
    participant page writes it to the inbox, the facilitator's dialog records it."""

    DEFAULT_CSS = """
    Form { height: auto; padding: 1 0; }
    Form .row { height: auto; margin-bottom: 1; }
    Form .name { width: 1fr; max-width: 44; padding: 1 1 0 0; text-style: bold; }
    Form .tally { height: auto; padding: 0 1; margin: 1 0; text-style: bold; background: $boost; }
    Form .problems { height: auto; color: $error; }
    Form .buttons { height: auto; margin-top: 1; }
    Form .buttons Button { margin-right: 2; }
    """

    class Submitted(Message):
        """The participant asked to send this input: a submission kind and its payload."""

        def __init__(self, kind: str, payload: Mapping[Any, float] | Sequence[str]) -> None:
            super().__init__()
            self.kind = kind
            self.payload = payload

    def send(self, kind: str, payload: Mapping[Any, float] | Sequence[str]) -> None:
        """Post the input to the host, which checks it and writes or records it."""
        self.post_message(self.Submitted(kind, payload))

    def show_problems(self, problems: list[str]) -> None:
        """Say what is wrong with the input now, or nothing when it can be sent."""
        self.query_one(".problems", Static).update(Content("\n".join(problems)))
