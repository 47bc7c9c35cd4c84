"""The commands CONTRACT.md fixes, run as a user would run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "run_bot.py", *args], cwd=PROJECT, input=stdin, capture_output=True, text=True, timeout=180
    )


def test_match_json_contract() -> None:
    lines = [
        {"id": "a", "text": "refugee has to leave asylum housing in 28 days, what can we do?"},
        {"id": "b", "text": "hello"},
        {"id": "c", "text": "I am going to end my life tonight"},
        {"id": "d", "text": "kde se můžu naučit anglicky", "lang": "sk"},
        {"id": "e", "text": ""},
    ]
    result = run("match", "--json", stdin="".join(json.dumps(x) + "\n" for x in lines) + "not json\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out[:5]] == ["a", "b", "c", "d", "e"]
    assert out[0]["matches"][0]["issue"] == "refugee-move-on" and 0 < out[0]["matches"][0]["score"] <= 1
    assert out[0]["crisis"] is False and out[0]["lang"] == "en"
    assert out[1]["matches"] == []
    assert out[2]["crisis"] is True
    assert out[3]["lang"] == "sk" and out[3]["matches"][0]["issue"] == "esol"
    assert out[4]["matches"] == [] and out[4]["crisis"] is False
    assert "error" in out[5]
    assert all(len(o.get("matches", [])) <= 5 for o in out)


def test_ask_text_and_json() -> None:
    result = run(
        "ask", "--role", "staff", "which powers do environmental health officers have over crowded shared houses?"
    )
    assert result.returncode == 0, result.stderr
    assert "HMO" in result.stdout and "Private tenants have rights" in result.stdout  # the staff answer first
    result = run("ask", "--json", "--lang", "pl", "--role", "migrant", "gdzie mogę uczyć się angielskiego")
    data = json.loads(result.stdout)
    assert set(data) >= {"text", "buttons"}
    assert "Angielski" in data["text"]
    assert all(len(b["data"].encode()) <= 64 for row in data["buttons"] for b in row)


def test_export_translated() -> None:
    data = json.loads(run("export", "--json", "--lang", "cs").stdout)
    issue = next(i for i in data["issues"] if i["id"] == "esol")
    assert issue["title"] != "English for Speakers of Other Languages (ESOL)" and "ESOL" in issue["title"]
    contact = next(c for c in data["contacts"] if c["id"] == "annex2-item-07")
    assert contact["phones"] == ["01284-729433"]


def test_translations_json() -> None:
    data = json.loads(run("translations", "--json").stdout)
    assert set(data) == {"en", "pl", "sk", "cs", "lt", "lv", "ro", "hu", "bg", "pt", "ru", "uk", "ar", "fa"}
    for row in data.values():
        assert set(row) == {"ui", "knowledge", "outdated", "unreviewed"}
    table = run("translations").stdout
    assert table.splitlines()[0].split() == ["lang", "UI", "knowledge", "outdated", "unreviewed"]


def test_console_chat_with_numbered_buttons() -> None:
    result = run("console", stdin="where can I learn English?\n/topics\n1\n/quit\n")
    assert result.returncode == 0, result.stderr
    assert "ESOL" in result.stdout
    assert "[1] Access to information" in result.stdout
    assert "Data collection" in result.stdout  # pressing [1] opened the theme's issues


def _embedding_cache() -> dict[str, str]:
    cache = os.environ.get("EMBEDDING_CACHE_DIR")
    return {"EMBEDDING_CACHE_DIR": cache} if cache else {}


def test_run_without_token_opens_the_console() -> None:
    result = subprocess.run(
        [sys.executable, "run_bot.py"],
        cwd=PROJECT,
        input="hello\n",
        capture_output=True,
        text=True,
        timeout=180,
        # no TELEGRAM_BOT_TOKEN (nor anything else), only where the embeddings are cached
        env={"PATH": "/usr/bin:/bin", "HOME": str(Path.home())} | _embedding_cache(),
    )
    assert result.returncode == 0, result.stderr
    assert "No TELEGRAM_BOT_TOKEN" in result.stderr
    assert "Hello!" in result.stdout


def test_bot_refuses_to_start_on_invalid_knowledge(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "knowledge"
    shutil.copytree(PROJECT / "knowledge", folder)
    path = folder / "contacts/annex2.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("01603-617076", "01603-6170xx"), encoding="utf-8")
    result = run("console", "--knowledge", str(folder), stdin="hello\n")
    assert result.returncode == 1
    assert "annex2.yaml:" in result.stderr and "does not look like a phone number" in result.stderr
    assert "Traceback" not in result.stderr and "Hello" not in result.stdout


def test_ask_with_an_area() -> None:
    result = run(
        "ask", "--role", "staff", "--area", "derby", "neighbours leave rubbish bags in the alley, now we have rats"
    )
    assert result.returncode == 0, result.stderr
    assert "Waste, noise and problems between neighbours" in result.stdout
    result = run(
        "ask",
        "--json",
        "--role",
        "staff",
        "--area",
        "derby",
        "neighbours leave rubbish bags in the alley, now we have rats",
    )
    labels = [b["text"] for row in json.loads(result.stdout)["buttons"] for b in row]
    assert any(label.startswith("📍 Derby") for label in labels)  # the local information, behind its button
    result = run("ask", "--area", "leeds", "hello")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Unknown area 'leeds'" in result.stderr and "derby" in result.stderr


def test_export_carries_practices_checklist_and_areas() -> None:
    data = json.loads(run("export", "--json").stdout)
    assert len(data["practices"]) >= 40 and len(data["checklist"]) == 30
    assert {a["id"] for a in data["areas"]} == {"east-of-england", "east-midlands", "derby"}
    item = next(i for a in data["areas"] if a["id"] == "east-midlands" for i in a["items"] if i["phones"])
    assert item["source"].startswith("004_117d502e6d9bbad1.txt, ") and item["year"] == 2009
