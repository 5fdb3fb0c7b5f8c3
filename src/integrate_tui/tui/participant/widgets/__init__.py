"""The participant page's forms: one per kind of input, each posting `Form.Submitted`."""
