"""The errors the files layer raises: each names the file, and where possible line and field."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from integrate_tui.errors import IntegrateError


@dataclass(frozen=True)
class FileProblem:
    """One thing wrong with a scenario file, placed as precisely as the file allows."""

    file: str
    line: int | None
    column: int | None
    location: str
    message: str

    def as_dict(self) -> dict[str, str | int | None]:
        """The problem as plain JSON-ready data, for `--json` output and tools."""
        return dataclasses.asdict(self)

    def __str__(self) -> str:
        """`path:line:col: message` or `path:line: location: message`, as compilers print."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return ": ".join(part for part in (where, self.location, self.message) if part)


class ScenarioFileError(IntegrateError):
    """A scenario file could not be read, parsed or validated; `problems` lists every cause."""

    title = "Cannot open scenario"

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class ScenarioSaveError(IntegrateError):
    """A save failed; the file on disk, if there was one, is exactly as it was."""

    title = "Cannot save scenario"

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"cannot save {path}: {reason}; the file on disk is unchanged")
