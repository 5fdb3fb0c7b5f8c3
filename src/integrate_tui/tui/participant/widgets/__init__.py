"""The participant page's own widgets: the vote's tabs and the calm waiting page (the forms
themselves are `tui.forms`, shared with the facilitator)."""
