"""One module per workspace step, in protocol order."""
