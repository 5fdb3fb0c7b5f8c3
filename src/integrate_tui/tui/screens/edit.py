"""Edit the scenario: add, duplicate, rename and delete entities, change their fields and notes.

Every change goes through `Session.apply`, so the model's own rules judge it and its
messages appear beside the field they are about. A form with changes not yet applied is
never replaced silently: choosing another entity, a new one or leaving asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, Static, Tree

from integrate_tui.errors import IntegrateError
from integrate_tui.model import ScenarioInvalid, validate_scenario
from integrate_tui.session import KINDS, Event, Session, edits
from integrate_tui.session.forms import BLANK, problems_by_field
from integrate_tui.tui.format import plain
from integrate_tui.tui.screens.dialogs import Confirm
from integrate_tui.tui.widgets.entity_form import EntityForm
from integrate_tui.tui.widgets.footer import Footer

META = "meta"
Target = tuple[str, str | None]  # (kind, key): key None means "a new one of this kind"


class EditScreen(Screen[None]):
    """Entities in a tree on the left, the selected one's form on the right."""

    DEFAULT_CSS = """
    EditScreen #entities { width: 36; border-right: solid $primary 50%; }
    EditScreen #form-area { width: 1fr; padding: 0 2; }
    EditScreen #form-title { text-style: bold; margin-top: 1; }
    EditScreen #problems { color: $error; height: auto; }
    EditScreen #buttons { height: auto; margin: 1 0 0 0; }
    EditScreen #buttons Button { min-width: 9; margin-right: 1; }
    EditScreen.-narrow #entities { width: 26; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 (as Screen types it)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Back", id="edit.back"),
        Binding("ctrl+r", "apply", "Apply", id="edit.apply"),
        Binding("ctrl+n", "add", "New", id="edit.add"),
        Binding("ctrl+d", "duplicate", "Duplicate", id="edit.duplicate"),
        Binding("ctrl+x", "delete", "Delete", id="edit.delete"),
    ]

    def __init__(self, session: Session, activity: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.target: Target = ("activities", activity) if activity else (META, META)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield Tree("Scenario", id="entities")
            with Vertical(id="form-area"):
                yield Label("", id="form-title", markup=False)
                with Horizontal(id="buttons"):
                    yield Button("Apply", id="apply", variant="primary", compact=True)
                    yield Button("New", id="add", compact=True)
                    yield Button("Duplicate", id="duplicate", compact=True)
                    yield Button("Delete", id="delete", variant="error", compact=True)
                yield Static("", id="problems", markup=False)
                slot = VerticalScroll(id="form-slot")
                slot.can_focus = False  # a scroll stop between the buttons and the first field
                with slot:
                    yield self._form(self.target)
        yield Footer()

    def on_mount(self) -> None:
        self._unsubscribe = self.session.subscribe(self._changed)
        self._fill_tree()
        self._show_target()

    def on_unmount(self) -> None:
        self._unsubscribe()

    def _changed(self, event: Event) -> None:
        self._fill_tree()
        self._load(self.target)

    def _fill_tree(self) -> None:
        """(Re)build the tree, keeping open the groups that were open."""
        tree = self.query_one(Tree)
        opened = {group.data for group in tree.root.children if group.is_expanded}
        tree.clear()
        tree.root.expand()
        tree.root.add_leaf("Title, description and notes", data=(META, META))
        data = self.session.scenario.model_dump()
        for kind in KINDS:
            group = tree.root.add(f"{kind.capitalize()} ({len(data[kind])})", data=(kind, None))
            for entity in data[kind]:
                key = edits.entity_key(kind, entity)
                label = key if kind == "interactions" else entity["name"]
                group.add_leaf(plain(label), data=(kind, key))
            if group.data in opened:
                group.expand()
        self._reveal()

    def _reveal(self) -> None:
        """Put the tree's cursor on the entity being edited (its group opened), at once: a
        cursor moved after the next refresh would undo a key typed meanwhile."""
        tree = self.query_one(Tree)
        for group in tree.root.children:
            for node in [group, *group.children]:
                if node.data == self.target:
                    group.expand()
                    lines = range(tree.last_line + 1)
                    line = next(n for n in lines if tree.get_node_at_line(n) is node)
                    tree.move_cursor_to_line(line)
                    return

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected) -> None:
        if event.node.data is not None and event.node.data != self.target:
            self._switch(event.node.data)

    def _switch(self, target: Target) -> None:
        """Show another entity's form once the current one's changes are applied or dropped."""

        def settled(go: bool) -> None:
            if go:
                self._load(target)
            else:
                self._reveal()  # the cursor goes back to the entity still being edited

        self._settle(settled)

    def action_leave(self) -> None:
        """Back to the workbench once the form's changes are applied or dropped."""
        self._settle(lambda go: self.app.pop_screen() if go else None)

    def _settle(self, then: Callable[[bool], object]) -> None:
        """`then(True)` when the form may go: nothing edited, or the user applied or
        discarded it; `then(False)` when they keep editing. The question is asked at once,
        so the keys typed after the one that asked go to it."""
        if not self.query_one(EntityForm).edited:
            then(True)
            return
        title = str(self.query_one("#form-title", Label).render())

        def answered(answer: str | None) -> None:
            then(self.action_apply() if answer == "apply" else answer == "discard")

        self.app.push_screen(
            Confirm(
                "Changes not applied",
                f"{title} has changes that are not applied yet.",
                [("apply", "Apply", "primary"), ("discard", "Discard", "error"),
                 ("stay", "Keep editing", "default")],
            ),
            answered,
        )  # fmt: skip

    def _load(self, target: Target) -> None:
        """Show `target`'s form in place of the one shown."""
        slot = self.query_one("#form-slot")
        form = self._form(target)
        slot.remove_children()
        slot.mount(form)
        self._show_target()

    def _form(self, target: Target) -> EntityForm:
        """The form of `target` (a new one when it no longer exists); sets `self.target`."""
        kind, key = target
        data = self.session.scenario.model_dump()
        if kind == META:
            entity = data["meta"]
        elif key is None:
            entity = dict(BLANK[kind])
        else:
            try:
                entity = data[kind][edits.find(data, kind, key)]
            except KeyError:
                target, entity = (kind, None), dict(BLANK[kind])
        self.target = target
        choices = {k: [e["id"] for e in data[k]] for k in ("silos", "activities")}
        return EntityForm(META if kind == META else kind, entity, choices)

    def _show_target(self) -> None:
        """The title and buttons of the entity being edited; no problems shown yet."""
        kind, key = self.target
        if kind == META:
            title = "Scenario: title, description and notes"
        elif key is None:
            title = f"New {edits.SINGULAR[kind]}"
        else:
            title = f"{edits.SINGULAR[kind].capitalize()} {key}"
        self.query_one("#form-title", Label).update(title)
        self.query_one("#problems", Static).update("")
        existing = key is not None and kind != META
        self.query_one("#duplicate").disabled = not existing or kind == "interactions"
        self.query_one("#delete").disabled = not existing

    @on(Button.Pressed, "#apply")
    @on(Input.Submitted)
    def action_apply(self) -> bool:
        """Apply the form to the scenario; False if it has problems, every one shown beside
        its field at once: text that cannot be read, and the model's rules on the rest."""
        kind, key = self.target
        form = self.query_one(EntityForm)
        values, unreadable = form.values()
        data = self.session.scenario.model_dump()
        if kind == META:
            data["meta"] = {**data["meta"], **values}
            prefix: tuple[str | int, ...] = ("meta",)
        else:
            index = edits.find(data, kind, key) if key is not None else None
            entity: dict[str, Any] = {**form.data, **values}
            data = edits.put(data, kind, index, entity)
            prefix = (kind, index if index is not None else len(data[kind]) - 1)
            key = edits.entity_key(kind, entity)
        if unreadable:
            try:
                validate_scenario(data)  # the readable fields judged too, with the rest as was
                mine: dict[str, list[str]] = {}
            except ScenarioInvalid as error:
                mine, others = problems_by_field(error.problems, prefix)
                self.query_one("#problems", Static).update("\n".join(others))
            form.show_problems({**mine, **unreadable})
            return False
        form.show_problems({})
        verb = "Add" if self.target[1] is None else "Edit"
        return self._apply(
            data, f"{verb} {edits.SINGULAR.get(kind, 'scenario')} {key}", (kind, key), prefix
        )

    def _apply(self, data: dict[str, Any], label: str, target: Target, prefix: tuple) -> bool:
        previous = self.target
        self.target = target
        try:
            self.session.apply(data, label)
        except ScenarioInvalid as error:
            self.target = previous
            mine, others = problems_by_field(error.problems, prefix)
            self.query_one(EntityForm).show_problems(mine)
            self.query_one("#problems", Static).update("\n".join(others))
            return False
        self.notify(label, title="Applied", timeout=2)
        return True

    @on(Button.Pressed, "#add")
    def action_add(self) -> None:
        kind = self.target[0] if self.target[0] != META else "activities"
        self._switch((kind, None))

    @on(Button.Pressed, "#duplicate")
    def action_duplicate(self) -> None:
        kind, key = self.target
        if key is None or kind in (META, "interactions"):
            return
        data, new_id = edits.duplicate(self.session.scenario.model_dump(), kind, key)
        self._apply(data, f"Duplicate {edits.SINGULAR[kind]} {key}", (kind, new_id), (kind,))

    @on(Button.Pressed, "#delete")
    def action_delete(self) -> None:
        """Delete the entity after asking (naming what refers to it); the tree then shows the
        entity that took its place in its group."""
        kind, key = self.target
        if key is None or kind == META:
            return
        data = self.session.scenario.model_dump()
        refs = edits.references(data, kind, key)
        what = f"{edits.SINGULAR[kind].capitalize()} {key!r}"
        if refs and not all(r.removable for r in refs):
            try:
                edits.delete(data, kind, key, cascade=True)
            except IntegrateError as error:
                self.app.show_error(error)  # type: ignore[attr-defined]
            return
        lines = "\n".join(f"• {r.text}" for r in refs)
        message = f"{what} is referenced by:\n{lines}\n\nDelete it and these references?"

        def answered(answer: str | None) -> None:
            if answer != "delete":
                return
            cut = edits.delete(data, kind, key, cascade=True)
            self._apply(cut, f"Delete {edits.SINGULAR[kind]} {key}", _next(cut, kind, data, key),
                        (kind,))  # fmt: skip

        self.app.push_screen(
            Confirm(
                "Delete?",
                message if refs else f"Delete {what}?",
                [("delete", "Delete", "error"), ("cancel", "Cancel", "default")],
            ),
            answered,
        )


def _next(cut: dict[str, Any], kind: str, data: dict[str, Any], key: str) -> Target:
    """What to show once `key` is deleted: the entity now in its place, else the one before
    it, else a new one of its kind."""
    left = cut[kind]
    if not left:
        return (kind, None)
    index = min(edits.find(data, kind, key), len(left) - 1)
    return (kind, edits.entity_key(kind, left[index]))
