"""Errors raised by the store layer (the services turn them into user messages)."""

from __future__ import annotations


class StoreError(Exception):
    """The database cannot be used as it is (message is meant for the user)."""


class DatabaseTooNewError(StoreError):
    """The database was upgraded by a newer version of the app than this one."""


class MigrationError(StoreError):
    """A schema upgrade failed or left the database inconsistent."""
