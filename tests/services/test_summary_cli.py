"""``interfant-desktop summary STUDY_ID --out F.pdf`` as a real process: the one-page
treatment summary is written (owner-only), an unknown patient or a folder is refused with
one line and exit 2, a wrong password with exit 1, nothing written then."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber

from tests.conftest import shared_case_files
from tests.services.test_cli import DOC_PW, one_line, run, site  # noqa: F401 (fixture)


def test_summary_is_written_and_refusals_are_one_line(site: str, tmp_path: Path) -> None:  # noqa: F811
    case = next(f for f in shared_case_files() if f.name.startswith("12-"))
    assert run(site, "--user", "doc", "import", str(case), password=DOC_PW).returncode == 0
    out = tmp_path / "summary.pdf"
    done = run(site, "--user", "doc", "summary", "PUB-12", "--out", str(out), password=DOC_PW)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f'wrote the treatment summary of "PUB-12" to "{out}"'
    assert out.stat().st_mode & 0o077 == 0
    with pdfplumber.open(io.BytesIO(out.read_bytes())) as pdf:
        assert len(pdf.pages) == 1
        text = pdf.pages[0].extract_text()
    assert "TREATMENT SUMMARY" in text and "PUB-12" in text and "2026-05-24 (Sun)" in text
    missing = run(site, "--user", "doc", "summary", "NOPE-1", "--out", str(tmp_path / "x.pdf"),
                  password=DOC_PW)
    assert missing.returncode == 2 and "NOPE-1" in one_line(missing)
    folder = run(site, "--user", "doc", "summary", "PUB-12", "--out", str(tmp_path), password=DOC_PW)
    assert folder.returncode == 2 and "is a folder" in one_line(folder)
    wrong = run(site, "--user", "doc", "summary", "PUB-12", "--out", str(tmp_path / "y.pdf"),
                password="wrong password")
    assert wrong.returncode == 1 and not (tmp_path / "y.pdf").exists()
    assert not (tmp_path / "x.pdf").exists()
