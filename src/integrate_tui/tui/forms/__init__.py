"""The input forms, one of each kind (points, pairwise, dots, ranking), each posting
`Form.Submitted`: the participant page sends it to the inbox, the facilitator's dialog
records it for someone (`tui.workshop.input_dialog`)."""
