"""The audit chain head goes out with every export and every backup, and ``audit verify``
reports an anchor the database no longer reaches, even when the workstation's own anchor
file went with the trail's tail (SQLite and PostgreSQL; the command line on SQLite)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from interfant_desktop.services import backup, patients
from interfant_desktop.services.audit import anchors_in_file, verify_audit
from interfant_desktop.services.errors import InputError
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.services.trial_export import ExportFormat, export_trial_data, save_export
from interfant_desktop.store.audit import ANCHOR_FORMAT, anchor_path
from interfant_desktop.store.models import AuditEvent
from tests.services.test_cli import ADMIN_PW, DOC_PW, run
from tests.store.fixtures import fictitious_case

Users = dict[str, CurrentUser]


def _event(store: Store, seq: int) -> AuditEvent:
    with store.sessions() as session:
        return session.execute(select(AuditEvent).where(AuditEvent.seq == seq)).scalar_one()


def _cut_tail(store: Store, before_seq: int) -> None:
    """Remove event ``before_seq`` and every later one, with the head set to the event
    before, and the workstation's anchor file with them (the database credential and this
    computer's files in one hand; PostgreSQL: triggers off)."""
    keep = _event(store, before_seq - 1)
    with store.engine.begin() as conn:
        if not store.is_sqlite:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text("DELETE FROM audit_events WHERE seq >= :seq"), {"seq": before_seq})
        conn.execute(text("UPDATE audit_head SET last_seq = :seq, last_hash = :hash"),
                     {"seq": keep.seq, "hash": keep.hash})
    anchor_path().unlink()


def _unreached(problems: tuple[str, ...], seq: int) -> bool:
    return any(p.startswith(f"the anchor of event {seq} ") and "no longer reached" in p
               for p in problems)


def test_every_export_carries_its_chain_head_and_verify_reports_it_when_cut_off(
        store: Store, users: Users, tmp_path: Path) -> None:
    for sid in ("AN-1", "AN-2"):
        patients.import_case(store, users["doc"], fictitious_case(sid))
    written: dict[str, Path] = {}
    for fmt, target in ((ExportFormat.CSV, tmp_path / "csv"), (ExportFormat.ODM, tmp_path / "a.xml"),
                        (ExportFormat.CASE, tmp_path / "AN-1.case.json")):
        user = users["doc"] if fmt is ExportFormat.CASE else users["dm"]
        out = export_trial_data(store, user, ["AN-1"], fmt)
        paths = save_export(out, target)
        document: dict[str, Any] = json.loads(paths[-1].read_text(encoding="utf-8"))
        assert document["format"] == ANCHOR_FORMAT
        assert document["anchor"]["seq"] == out.audit_seq  # the export's own event
        assert document["anchor"]["hash"] == _event(store, out.audit_seq).hash
        written[fmt.value] = paths[-1]
    assert written["csv"] == tmp_path / "csv" / "audit-anchor.json"
    assert written["odm"] == tmp_path / "a.xml.audit-anchor.json"
    assert verify_audit(store, users["admin"], list(written.values())).ok
    first_export = json.loads(written["csv"].read_text())["anchor"]["seq"]
    _cut_tail(store, first_export)  # the exports and everything after them
    assert not _unreached(verify_audit(store, users["admin"]).problems, first_export)
    problems = verify_audit(store, users["admin"], [written["case"], written["csv"]]).problems
    assert _unreached(problems, json.loads(written["case"].read_text())["anchor"]["seq"])


def test_a_backup_carries_the_chain_head_that_verify_checks(
        store: Store, users: Users, tmp_path: Path) -> None:
    patients.import_case(store, users["doc"], fictitious_case("AN-3"))
    path = tmp_path / "site.backup.json"
    backup.backup_database(store, users["admin"], path)
    [head, *_] = anchors_in_file(path)
    assert head.seq == _event(store, head.seq).seq and head.hash == _event(store, head.seq).hash
    assert verify_audit(store, users["admin"], [path]).ok
    _cut_tail(store, head.seq)
    assert _unreached(verify_audit(store, users["admin"], [path]).problems, head.seq)


def test_a_file_without_an_anchor_is_refused_naming_it(
        store: Store, users: Users, tmp_path: Path) -> None:
    stray = tmp_path / "notes.txt"
    stray.write_text("nothing here\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.txt: holds no audit anchor"):
        verify_audit(store, users["admin"], [stray])


def test_audit_verify_anchors_on_the_command_line(sqlite_url: str, tmp_path: Path) -> None:
    from tests.services.test_cli import make_site

    site = make_site(sqlite_url)
    case = tmp_path / "AN-4.case.json"
    case.write_text(json.dumps(fictitious_case("AN-4")), encoding="utf-8")
    assert run(site, "--user", "doc", "import", str(case), password=DOC_PW).returncode == 0
    exported = run(site, "--user", "doc", "export", "AN-4", "--format", "case", "--out",
                   str(tmp_path / "out.json"), password=DOC_PW)
    assert exported.returncode == 0 and "out.json.audit-anchor.json" in exported.stdout
    anchor = tmp_path / "out.json.audit-anchor.json"
    ok = run(site, "--user", "root", "audit", "verify", "--anchors", str(anchor), password=ADMIN_PW)
    assert ok.returncode == 0, ok.stderr
