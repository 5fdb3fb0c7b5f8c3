"""Workshop mode: agenda and timer, participants, priorities, group weights, votes, log, replay.

Its screens render the session and send it workshop commands (`integrate_tui.workshop`),
each one undoable step; nothing here computes a domain number itself. Imported lazily,
when the facilitator first switches to workshop mode.
"""
