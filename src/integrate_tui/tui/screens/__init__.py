"""Screens and dialogs of the workbench, one module each."""
