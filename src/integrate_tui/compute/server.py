"""Imported first by the pool's fork server, and by nothing else (it heads the preload list).

Importing it sends the server's file descriptors 1 and 2 to /dev/null: whatever it, or a
process it forks before `worker.initialise` runs, would print (a traceback, a warning)
must not land on the app's screen.
"""

from integrate_tui.compute.worker import silence

silence()
