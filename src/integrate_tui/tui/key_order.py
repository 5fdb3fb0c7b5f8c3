"""Keys typed after a key that opens a screen (or moves the focus) go where it led, in order.

Textual hands each key to the focused widget first and runs a screen's or the app's binding
only when the key bubbles back up to the app. Keys typed in a burst are all handed to the
old widget before the first one's binding pushes a dialog (or Tab moves the focus); when
they bubble back, the dialog is shown but they were never offered to its widgets, so a name
typed into a prompt, or an amount typed after Tab, is lost. Here a key that comes back from
a widget that no longer has the focus is handed again, as if typed now, to the one that
has. Open dialogs with `push_screen` from the key's own handler: a dialog pushed later,
from a worker after an `await`, still misses the keys typed before it appears.
"""

from __future__ import annotations

from collections import OrderedDict

from textual import events
from textual.app import App
from textual.dom import DOMNode

_REMEMBERED = 256
"""Keys in flight remembered at most: one a widget keeps (a typed letter) never comes back."""


class KeysFollowTheFocus(App[int]):
    """An app whose keys reach the widget focused when they are handled, not when typed."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._sent_to: OrderedDict[int, tuple[events.Key, DOMNode]] = OrderedDict()

    async def on_event(self, event: events.Event) -> None:
        """Remember where a typed key went; hand it again if it comes back from a widget that
        has since lost the focus (to a dialog, or to the next field)."""
        if isinstance(event, events.Key):
            sent = self._sent_to
            if not event.is_forwarded:
                sent[id(event)] = (event, self._target())
                while len(sent) > _REMEMBERED:
                    sent.popitem(last=False)
            else:
                key, target = sent.pop(id(event), (None, None))
                if key is event and target is not self._target():
                    again = events.Key(event.key, event.character)
                    again.set_sender(self)
                    await self.on_event(again)
                    return
        await super().on_event(event)

    def _target(self) -> DOMNode:
        """Where Textual hands a key typed now."""
        return self.focused or self.screen
