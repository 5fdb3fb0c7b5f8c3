"""The participant page: one person joins with their code and gives their own input to a round.

`integrate-tui serve --terminal` runs it once per browser (through textual-serve); it reads
the scenario file and writes only that person's submission files into the inbox beside it.
The Textual-free part is `workshop.room`; the app, its screens and its forms are thin views
on it. (`integrate-tui serve` without `--terminal` serves the web page, `integrate_tui.web`.)
"""
