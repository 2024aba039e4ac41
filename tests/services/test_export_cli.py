"""`interfant-desktop export` as a real process: every format to a file, a folder or
standard output; bad combinations exit 2 with one line; refusals exit 1."""

from __future__ import annotations

import json
from pathlib import Path

from interfant_desktop.services.users import add_user, change_temporary_password
from tests.exports.helpers import all_sample_case_files, check_csv, check_fhir, check_odm
from tests.services.test_cli import DOC_PW, one_line, run, site  # noqa: F401 (fixture)

DM_PW = "data-manager-pass-fictitious"


def _site_with_dm(site: str) -> str:  # noqa: F811
    """The site with a data manager ``dm`` (password :data:`DM_PW`)."""
    from interfant_desktop.services.auth import sign_in
    from interfant_desktop.services.store_access import open_store

    store = open_store(site)
    try:
        admin = sign_in(store, "root", "admin-pass-fictitious")
        add_user(store, admin, "dm", "data_manager", "dm-temporary-fictitious",
                 admin_password="admin-pass-fictitious")
        change_temporary_password(store, "dm", "dm-temporary-fictitious", DM_PW)
    finally:
        store.close()
    return site


def _site_with_cases(site: str) -> str:  # noqa: F811
    _site_with_dm(site)
    files = all_sample_case_files()
    result = run(site, "--user", "doc", "import", *map(str, files), password=DOC_PW)
    assert result.returncode == 0, result.stderr
    return site


def test_each_format_from_the_command_line(site: str, tmp_path: Path) -> None:  # noqa: F811
    _site_with_cases(site)
    out = run(site, "--user", "dm", "export", "--all", "--format", "odm", "--out", str(tmp_path / "a.xml"),
              password=DM_PW)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"exported {len(all_sample_case_files())} patient(s) as odm (pseudonymised)")
    check_odm((tmp_path / "a.xml").read_bytes())
    stdout = run(site, "--user", "dm", "export", "PUB-01", "PUB-16", "--format", "odm", password=DM_PW)
    root = check_odm(stdout.stdout.encode("utf-8"))
    assert len(root.findall(".//{http://www.cdisc.org/ns/odm/v1.3}SubjectData")) == 2
    fhir = run(site, "--user", "dm", "export", "PUB-12", "--format", "fhir", "--identified", password=DM_PW)
    assert fhir.returncode == 0, fhir.stderr
    check_fhir(json.loads(fhir.stdout))
    csv_out = run(site, "--user", "dm", "export", "--all", "--format", "csv", "--out", str(tmp_path / "csv"),
                  password=DM_PW)
    assert csv_out.returncode == 0, csv_out.stderr
    files = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "csv").iterdir()}
    assert len(check_csv(files)["patients.csv"]) == len(all_sample_case_files())
    cases = run(site, "--user", "doc", "export", "PUB-01", "PUB-02", "--out", str(tmp_path / "cases"),
                password=DOC_PW)
    assert cases.returncode == 0, cases.stderr
    assert sorted(p.name for p in (tmp_path / "cases").iterdir()) == [
        "PUB-01.case.json", "PUB-02.case.json", "audit-anchor.json"]  # (the chain head, with them)
    listed = run(site, "--user", "doc", "export", "PUB-01", "PUB-02", password=DOC_PW)
    assert [c["patient"]["study_id"] for c in json.loads(listed.stdout)] == ["PUB-01", "PUB-02"]


def test_bad_combinations_and_refusals(site: str, tmp_path: Path) -> None:  # noqa: F811
    _site_with_cases(site)
    for args, words in ((["--all", "PUB-01"], "not both"), ([], "at least one STUDY_ID"),
                        (["PUB-01", "--format", "csv"], "--out FOLDER"),
                        (["PUB-01", "--identified"], "--identified is for odm")):
        result = run(site, "--user", "dm", "export", *args, password=DM_PW)
        assert result.returncode == 2 and words in one_line(result), result.stderr
    refused = run(site, "--user", "doc", "export", "PUB-01", "--format", "odm", "--out",
                  str(tmp_path / "x.xml"), password=DOC_PW)
    assert refused.returncode == 1 and "may not export trial data" in one_line(refused)
    assert not (tmp_path / "x.xml").exists()
    unknown = run(site, "--user", "dm", "export", "NOPE", "--format", "fhir", password=DM_PW)
    assert unknown.returncode == 2 and "NOPE" in one_line(unknown) and unknown.stdout == ""
