"""Heavy analyses off the UI: a pool of worker processes, cancellable jobs, cached results.

No Textual here: the app holds one `Pool`, screens submit engine calls to it and await the
`Job`s it hands back. See pool.py for the design.
"""

from integrate_tui.compute.pool import Job, Pool

__all__ = ["Job", "Pool"]
