"""The admin commands as an admin runs them: review, verify, export --hsds, insights --html."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bot.kb import KnowledgeBase

PROJECT = Path(__file__).resolve().parent.parent.parent


def run(*args: str, database: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **env}
    if database is not None:
        environment["DATABASE_URL"] = f"sqlite:///{database}"
    return subprocess.run(
        [sys.executable, "run_bot.py", *args],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=180,
        env=environment,
    )


def test_review_json_lists_every_unverified_contact(kb: KnowledgeBase, tmp_path: Path) -> None:
    result = run("review", "--json", database=tmp_path / "bot.sqlite3")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {row["id"] for row in report["unverified"]} == {c.id for c in kb.contacts if not c.verified}
    assert set(report) >= {"unverified", "stale", "translations", "questions"}
    text = run("review", database=tmp_path / "bot.sqlite3").stdout
    assert all(c.id in text for c in kb.contacts if not c.verified)


def test_verify_changes_only_the_date_line(kb_copy: Path) -> None:
    path = kb_copy / "contacts" / "annex2.yaml"
    before = path.read_text(encoding="utf-8").splitlines()
    result = run("verify", "annex2-item-07", "--date", "2026-11-20", "--knowledge", str(kb_copy))
    assert result.returncode == 0, result.stderr
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("    verified: null", "    verified: 2026-11-20")]
    assert "annex2.yaml:" in result.stdout and "-> verified: 2026-11-20" in result.stdout
    missing = run("verify", "no-such-contact", "--knowledge", str(kb_copy))
    assert missing.returncode == 1 and "no contact has the id 'no-such-contact'" in missing.stderr
    assert "Traceback" not in missing.stderr
    assert run("validate", "--knowledge", str(kb_copy)).returncode == 0


def test_export_hsds_writes_the_tables(tmp_path: Path) -> None:
    result = run("export", "--hsds", str(tmp_path / "hsds"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "hsds").iterdir()) == [
        "datapackage.json", "language.csv", "organization.csv", "phone.csv", "service.csv",
    ]  # fmt: skip
    header = (tmp_path / "hsds" / "service.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "assured_date" in header.split(",")


def test_insights_html_and_a_wrong_database_setting(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    result = run("insights", "--html", str(report), "--days", "7", database=tmp_path / "bot.sqlite3")
    assert result.returncode == 0, result.stderr
    assert report.read_text(encoding="utf-8").count("data:image/png;base64,") >= 1
    wrong = run("insights", "--json", DATABASE_URL="mysql://nowhere/db")
    assert wrong.returncode == 2 and "DATABASE_URL" in wrong.stderr and "Traceback" not in wrong.stderr
