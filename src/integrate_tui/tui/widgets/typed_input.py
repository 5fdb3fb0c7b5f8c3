"""An input box that applies its editing keys in the order they were typed.

Textual's `Input` inserts a typed character as soon as the key reaches it, but runs its
own bindings (Backspace, Delete, ←, →, Home, End, …) only when the key has bubbled back
up to the app. Keys typed in a burst reach the box before the first of them is back, so
`Backspace Backspace 2 5` over "60" inserted "25" first and then deleted it. Here the box
runs its own bindings when the key reaches it, in turn with the characters.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class TypedInput(Input):
    """An `Input` whose own editing keys take effect in typing order."""

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            for binding in self._bindings.key_to_bindings.get(event.key, []):
                if not binding.priority and await self.app.run_action(binding.action, self):
                    event.stop()
                    event.prevent_default()
                    return
        await super()._on_key(event)
