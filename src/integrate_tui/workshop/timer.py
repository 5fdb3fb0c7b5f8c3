"""A pausable countdown for a round's time box, pure: every reading takes the clock as `now`.

Times are seconds on any monotonic clock the caller chooses (`time.monotonic()` in the app,
plain numbers in tests). Each method returns a new timer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from integrate_tui.model import Round


@dataclass(frozen=True)
class Timer:
    """A countdown of `seconds`: running since `started_at`, or paused with `elapsed` used."""

    seconds: float
    started_at: float | None = None
    elapsed: float = 0.0  # time used before the current run

    @classmethod
    def for_round(cls, round_: Round) -> Timer | None:
        """A stopped timer for the round's time box, or None when it has none."""
        return None if round_.minutes is None else cls(60.0 * round_.minutes)

    @property
    def paused(self) -> bool:
        """True when not counting (also before the first start)."""
        return self.started_at is None

    def used(self, now: float) -> float:
        """Seconds counted so far."""
        running = 0.0 if self.started_at is None else max(now - self.started_at, 0.0)
        return self.elapsed + running

    def start(self, now: float) -> Timer:
        """Run from `now` (resuming where a pause left off); no change if already running."""
        return self if not self.paused else replace(self, started_at=now)

    def pause(self, now: float) -> Timer:
        """Stop counting, keeping the time used; no change if already paused."""
        return self if self.paused else Timer(self.seconds, None, self.used(now))

    def toggle(self, now: float) -> Timer:
        """Pause if running, run if paused: what the timer key does."""
        return self.start(now) if self.paused else self.pause(now)

    def remaining(self, now: float) -> float:
        """Seconds left, negative once the time box is overrun."""
        return self.seconds - self.used(now)

    def overrun(self, now: float) -> bool:
        """True once the time box is used up: the screen shows it in red."""
        return self.remaining(now) < 0

    def display(self, now: float) -> str:
        """`mm:ss` left, or `+mm:ss` over time (whole seconds, rounded up while counting down)."""
        left = self.remaining(now)
        whole = int(-(-left // 1)) if left >= 0 else int(-left)
        minutes, seconds = divmod(whole, 60)
        return f"{'+' if left < 0 else ''}{minutes:02d}:{seconds:02d}"
