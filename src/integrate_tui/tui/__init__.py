"""The Textual workbench: it renders the session's state and sends it commands."""
