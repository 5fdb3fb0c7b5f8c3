"""The countdown of the open round: a `workshop.Timer` kept in step with the agenda."""

from __future__ import annotations

import time

from integrate_tui.model import Scenario
from integrate_tui.workshop import Timer, open_round, timestamp, workshop_of
from integrate_tui.workshop.base import moment


class RoundClock:
    """Follows the open round; counts down its time box, pausable, from when it started."""

    def __init__(self) -> None:
        self.index: int | None = None
        self.timer: Timer | None = None
        self._followed: tuple[object, ...] = ()

    def follow(self, scenario: Scenario) -> None:
        """A running timer when a round opens or its time box changes, counted from its start."""
        workshop = workshop_of(scenario)
        self.index = open_round(workshop)
        round_ = None if self.index is None else workshop.rounds[self.index]
        followed = (self.index, None if round_ is None else (round_.started, round_.minutes))
        if followed == self._followed:
            return
        self._followed = followed
        timer = None if round_ is None else Timer.for_round(round_)
        if timer is None or round_ is None or round_.started is None:
            self.timer = None
            return
        already = (timestamp() - moment(round_.started)).total_seconds()
        self.timer = Timer(timer.seconds, elapsed=max(already, 0.0)).start(time.monotonic())

    def toggle(self) -> bool:
        """Pause or resume; False when there is no countdown to pause."""
        if self.timer is None:
            return False
        self.timer = self.timer.toggle(time.monotonic())
        return True

    def display(self) -> str:
        """`mm:ss` left (or `+mm:ss` over), empty without a time box."""
        return "" if self.timer is None else self.timer.display(time.monotonic())

    @property
    def overrun(self) -> bool:
        """True once the time box is used up."""
        return self.timer is not None and self.timer.overrun(time.monotonic())

    @property
    def paused(self) -> bool:
        """True while the countdown is paused."""
        return self.timer is not None and self.timer.paused
