"""Dialogs: sign-in, lock, new patient, review resolution, crash report."""
