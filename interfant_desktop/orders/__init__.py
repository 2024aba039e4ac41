"""orders layer."""
