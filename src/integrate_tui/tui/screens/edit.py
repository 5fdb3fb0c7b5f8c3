"""Edit the scenario: add, duplicate, rename and delete entities, change their fields and notes.

Every change goes through `Session.apply`, so the model's own rules judge it and its
messages appear beside the field they are about. A form with changes not yet applied is
never replaced silently: choosing another entity, a new one or leaving asks first.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static, Tree

from integrate_tui.errors import IntegrateError
from integrate_tui.model import ScenarioInvalid
from integrate_tui.session import KINDS, Event, Session, edits
from integrate_tui.session.forms import BLANK, problems_by_field
from integrate_tui.tui.format import plain
from integrate_tui.tui.screens.dialogs import Confirm
from integrate_tui.tui.widgets.entity_form import EntityForm

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
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
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
                yield VerticalScroll(id="form-slot")
        yield Footer()

    def on_mount(self) -> None:
        self._unsubscribe = self.session.subscribe(self._changed)
        self._fill_tree()
        self._load(self.target)

    def on_unmount(self) -> None:
        self._unsubscribe()

    def _changed(self, event: Event) -> None:
        self._fill_tree()
        self._load(self.target)

    def _fill_tree(self) -> None:
        tree = self.query_one(Tree)
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
        self._reveal()

    def _reveal(self) -> None:
        """Put the tree's cursor on the entity being edited (its group opened)."""
        tree = self.query_one(Tree)
        for group in tree.root.children:
            for node in group.children:
                if node.data == self.target:
                    group.expand()
                    self.call_after_refresh(tree.move_cursor, node)
                    return

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected) -> None:
        if event.node.data is not None and event.node.data != self.target:
            self._switch(event.node.data)

    @work(exclusive=True, group="switch")
    async def _switch(self, target: Target) -> None:
        """Show another entity's form once the current one's changes are applied or dropped."""
        if await self._settled():
            self._load(target)
        else:
            self._reveal()  # the cursor goes back to the entity still being edited

    @work(exclusive=True, group="switch")
    async def action_leave(self) -> None:
        """Back to the workbench once the form's changes are applied or dropped."""
        if await self._settled():
            self.app.pop_screen()

    async def _settled(self) -> bool:
        """Whether the form may go: nothing edited, or the user applied or discarded it."""
        if not self.query_one(EntityForm).edited:
            return True
        title = str(self.query_one("#form-title", Label).render())
        answer = await self.app.push_screen_wait(
            Confirm(
                "Changes not applied",
                f"{title} has changes that are not applied yet.",
                [("apply", "Apply", "primary"), ("discard", "Discard", "error"),
                 ("stay", "Keep editing", "default")],
            )
        )  # fmt: skip
        if answer == "apply":
            return self.action_apply()
        return answer == "discard"

    def _load(self, target: Target) -> None:
        kind, key = target
        data = self.session.scenario.model_dump()
        if kind == META:
            entity, title = data["meta"], "Scenario: title, description and notes"
        elif key is None:
            entity, title = dict(BLANK[kind]), f"New {edits.SINGULAR[kind]}"
        else:
            try:
                entity = data[kind][edits.find(data, kind, key)]
            except KeyError:
                target, entity = (kind, None), dict(BLANK[kind])
            title = f"{edits.SINGULAR[kind].capitalize()} {key}"
        self.target = target
        choices = {k: [e["id"] for e in data[k]] for k in ("silos", "activities")}
        self.query_one("#form-title", Label).update(title)
        self.query_one("#problems", Static).update("")
        slot = self.query_one("#form-slot")
        slot.remove_children()
        slot.mount(EntityForm(META if kind == META else kind, entity, choices))
        existing = key is not None and kind != META
        self.query_one("#duplicate").disabled = not existing or kind == "interactions"
        self.query_one("#delete").disabled = not existing

    @on(Button.Pressed, "#apply")
    @on(Input.Submitted)
    def action_apply(self) -> bool:
        """Apply the form to the scenario; False if it has problems (shown beside its fields)."""
        kind, key = self.target
        form = self.query_one(EntityForm)
        values, errors = form.values()
        form.show_problems(errors)
        if errors:
            return False
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
    @work(exclusive=True)
    async def action_delete(self) -> None:
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
        answer = await self.app.push_screen_wait(
            Confirm(
                "Delete?",
                message if refs else f"Delete {what}?",
                [("delete", "Delete", "error"), ("cancel", "Cancel", "default")],
            )
        )
        if answer == "delete":
            cut = edits.delete(data, kind, key, cascade=True)
            self._apply(cut, f"Delete {edits.SINGULAR[kind]} {key}", (kind, None), (kind,))
