"""The file changed on disk since it was read: reload, overwrite, save as, or see the difference."""

from __future__ import annotations

from integrate_tui.tui.screens.choices import Choice, Choices

RELOAD, OVERWRITE, SAVE_AS, DIFFERENCE = "reload", "overwrite", "save-as", "difference"


class ChangedOnDisk(Choices):
    """Asked when a save finds the file changed (`workshop`: the save of a workshop step)."""

    def __init__(self, name: str, message: str, *, workshop: bool = False) -> None:
        mine = "the workshop record" if workshop else "your version"
        super().__init__(
            f"{name} changed on disk",
            f"{message}.",
            [
                Choice(RELOAD, "Reload", "the file's version; ctrl+z brings yours back"),
                Choice(OVERWRITE, "Overwrite", f"replace the file's with {mine}", "warning"),
                Choice(SAVE_AS, "Save as…", "keep both: your work to another file", "primary"),
                Choice(DIFFERENCE, "Show difference", "the ledger from the file to your work"),
                Choice("cancel", "Cancel", "save nothing now"),
            ],
        )
