"""The schema revision this version of the app expects, as a plain constant.

Kept apart from :mod:`interfant_desktop.store.migrate` (which needs SQLAlchemy and,
when migrating, Alembic) so it can be read without importing either.
"""

from __future__ import annotations

#: The revision of the newest script in ``migrations/versions``. Update it together with
#: every new migration script (tests/store/test_migrations.py checks they agree).
#: The chain (each script's ``down_revision``), in the order the features landed:
#: 0001 → 0002 → 0003 → 0005 → 0008 → 0009 → 0006 → 0004 → 0010 → 0015 → 0012 → 0013
#: → 0016.
HEAD_REVISION = "0016"
