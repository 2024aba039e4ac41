"""Issue 15, item 6, on PostgreSQL: the app's start fails closed on a read-only database."""

from __future__ import annotations

from tests.store.fixtures import pg_url  # noqa: F401


def test_a_read_only_postgresql_database_fails_closed_and_exits(pg_url: str) -> None:  # noqa: F811
    """Issue 15, item 6, on PostgreSQL (the SQLite case is in test_startup): the sign-in
    cannot record itself in a read-only database; no patient row is shown, one line
    says why, and ``--exit-when-ready`` exits 1."""
    import os
    import subprocess
    import sys

    from sqlalchemy.engine import make_url

    from interfant_desktop.services import patients
    from interfant_desktop.services.store_access import open_store
    from tests.conftest import REPO
    from tests.store.fixtures import PASSWORD, fictitious_case, make_users

    store = open_store(pg_url)
    try:
        patients.import_case(store, make_users(store)["doc"], fictitious_case("RO-1"))
    finally:
        store.close()
    url = make_url(pg_url)
    options = f"{url.query['options']} -cdefault_transaction_read_only=on"
    read_only = url.update_query_dict({"options": options}).render_as_string(hide_password=False)
    env = dict(os.environ, INTERFANT_PASSWORD=PASSWORD, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-m", "interfant_desktop", "--db", read_only,
                             "--user", "doc", "--exit-when-ready"], cwd=REPO, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "ready," not in result.stdout and "rows from the store" not in result.stdout
    lines = [line for line in result.stderr.splitlines()
             if line.strip() and "propagateSizeHints" not in line]
    assert len(lines) == 1 and lines[0].startswith("interfant-desktop: "), result.stderr
    assert "Traceback" not in result.stderr and "RO-1" not in result.stderr
