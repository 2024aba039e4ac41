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


@pytest.mark.parametrize("fmt", [ExportFormat.ODM, ExportFormat.FHIR])
def test_a_lone_odm_or_fhir_file_names_its_chain_head_inside(
        store: Store, users: Users, tmp_path: Path, fmt: ExportFormat) -> None:
    """Sent on without the anchor file beside it, the export itself names the chain head of its
    own audit event, and ``audit verify`` reports it once the trail no longer reaches it."""
    from tests.exports.helpers import check_fhir, check_odm

    for sid in ("AN-5", "AN-6"):
        patients.import_case(store, users["doc"], fictitious_case(sid))
    out = export_trial_data(store, users["dm"], ["AN-5", "AN-6"], fmt)
    [content] = out.files.values()
    if fmt is ExportFormat.ODM:
        check_odm(content)  # still schema-valid with AdminData and the AuditRecord
    else:
        check_fhir(json.loads(content))  # the Provenance parses as R4B and refers to what is there
    lone = tmp_path / ("alone.xml" if fmt is ExportFormat.ODM else "alone.json")
    lone.write_bytes(content)  # no audit-anchor.json beside it
    [head] = anchors_in_file(lone)
    event = _event(store, out.audit_seq)
    assert (head.seq, head.hash) == (out.audit_seq, event.hash)
    assert out.anchor is not None and head == out.anchor  # database, chain and time too
    assert verify_audit(store, users["admin"], [lone]).ok
    _cut_tail(store, out.audit_seq)
    assert _unreached(verify_audit(store, users["admin"], [lone]).problems, out.audit_seq)


def test_the_fhir_provenance_names_the_exporter_and_every_patient(store: Store, users: Users) -> None:
    for sid in ("AN-7", "AN-8"):
        patients.import_case(store, users["doc"], fictitious_case(sid))
    out = export_trial_data(store, users["dm"], None, ExportFormat.FHIR)
    bundle = json.loads(next(iter(out.files.values())))
    [provenance] = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Provenance"]
    assert provenance["agent"][0]["who"] == {"display": "dm"}
    patient_urls = {e["fullUrl"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"}
    assert patient_urls and patient_urls <= {t["reference"] for t in provenance["target"]}
    assert bundle["meta"]["security"][0]["code"] == "PSEUDED"
    identified = json.loads(next(iter(export_trial_data(store, users["dm"], None, ExportFormat.FHIR,
                                                         identified=True).files.values())))
    assert "security" not in identified["meta"]


@pytest.mark.parametrize("damage", ["no record", "damaged head", "not xml"])
def test_an_odm_file_without_a_whole_anchor_is_refused_naming_it(
        store: Store, users: Users, tmp_path: Path, damage: str) -> None:
    patients.import_case(store, users["doc"], fictitious_case("AN-9"))
    text_ = next(iter(export_trial_data(store, users["dm"], ["AN-9"], ExportFormat.ODM).files.values())
                 ).decode("utf-8")
    start, end = text_.index("<AuditRecords>"), text_.index("</AuditRecords>") + len("</AuditRecords>")
    if damage == "no record":
        text_ = text_[:start] + text_[end:]
    elif damage == "damaged head":
        text_ = text_.replace('"seq":', '"seq_":', 1)
    else:
        text_ = text_[: len(text_) // 2]  # cut off in the middle
    path = tmp_path / "export.odm.xml"
    path.write_text(text_, encoding="utf-8")
    words = "holds no audit anchor" if damage == "no record" else "audit anchor is damaged"
    with pytest.raises(InputError, match=rf"export\.odm\.xml: (its )?{words}"):
        verify_audit(store, users["admin"], [path])


def test_an_export_on_standard_output_is_verified_from_that_output(sqlite_url: str, tmp_path: Path) -> None:
    from tests.services.test_cli import make_site
    from tests.services.test_export_cli import DM_PW, _site_with_dm

    site = _site_with_dm(make_site(sqlite_url))
    case = tmp_path / "AN-10.case.json"
    case.write_text(json.dumps(fictitious_case("AN-10")), encoding="utf-8")
    assert run(site, "--user", "doc", "import", str(case), password=DOC_PW).returncode == 0
    for fmt in ("odm", "fhir"):
        exported = run(site, "--user", "dm", "export", "AN-10", "--format", fmt, password=DM_PW)
        assert exported.returncode == 0, exported.stderr
        saved = tmp_path / f"stdout.{fmt}"
        saved.write_text(exported.stdout, encoding="utf-8")
        # (a file without a head would be refused: exit 2, "holds no audit anchor")
        ok = run(site, "--user", "root", "audit", "verify", "--anchors", str(saved), password=ADMIN_PW)
        assert ok.returncode == 0 and "audit trail intact" in ok.stdout, ok.stderr
