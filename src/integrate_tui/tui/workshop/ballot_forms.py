"""Ballots the facilitator enters for someone, in the forms participants vote with
(`tui.forms.dots`, `tui.forms.ranking`): dots over the options, or a ranking of them."""

from __future__ import annotations

from integrate_tui.model import Ballot
from integrate_tui.session import Session
from integrate_tui.tui.forms import dots, ranking
from integrate_tui.tui.workshop.input_dialog import RECORD, InputDialog
from integrate_tui.workshop import ballot_options, dot_budget, workshop_of
from integrate_tui.workshop.focus import names


class DotsForm(InputDialog):
    """Someone's dots in the open vote: a box per option, the dots left counted live."""

    def __init__(self, session: Session, participant_id: str, index: int) -> None:
        round_ = workshop_of(session.scenario).rounds[index]
        budget = dot_budget(round_)
        given = round_.votes.get(participant_id, Ballot()).dots
        form = dots.DotsForm(ballot_options(session.scenario, index), budget, given, send=RECORD)
        name = names(session.scenario)[participant_id]
        super().__init__(
            f"{name}: place up to {budget} dots",
            form,
            lambda: session.workshop.cast_dots(participant_id, form.dots()),
        )


class RankingForm(InputDialog):
    """Someone's ranking in the open vote: Enter ranks the highlighted option next; once all
    are ranked the ballot is recorded (Record keeps a partial ranking)."""

    def __init__(self, session: Session, participant_id: str, index: int) -> None:
        round_ = workshop_of(session.scenario).rounds[index]
        given = round_.votes.get(participant_id, Ballot()).ranking
        form = ranking.RankingForm(
            ballot_options(session.scenario, index),
            given,
            send=RECORD,
            rank_all=False,
            send_when_complete=True,
        )
        name = names(session.scenario)[participant_id]
        super().__init__(
            f"{name}: rank the options, first choice first",
            form,
            lambda: session.workshop.cast_ranking(participant_id, form.ranking()),
        )
