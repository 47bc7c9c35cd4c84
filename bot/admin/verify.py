"""`run_bot.py verify CONTACT_ID [--date YYYY-MM-DD]`: set a contact's `verified:` date in its YAML file.

Only the value on that one line changes: comments, quoting, order and layout stay as the admin wrote them (a
text edit at the line the YAML reader reports, not a re-dump of the file). The file is read again afterwards; if
the contact does not read back with the new date, the file is put back as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bot.kb.problems import display_path
from bot.kb.rules import as_iso_date
from bot.kb.yamlfile import YamlError, YList, YMap, read_yaml

_VALUE = re.compile(r"""(?P<key>\bverified:)(?P<space>[ \t]*)(?P<value>"[^"]*"|'[^']*'|[^\s,}#]*)""")


class VerifyError(Exception):
    """Why the date could not be set, in plain words (`path:line: ...` where a file is at fault)."""


@dataclass(frozen=True)
class Location:
    path: Path
    entry_line: int  # where the contact's record starts
    verified_line: int | None  # the `verified:` line, None when missing

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.entry_line}"


@dataclass(frozen=True)
class Verified:
    path: Path
    line: int
    before: str
    after: str

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}: {self.before.strip()} -> {self.after.strip()}"


def contact_locations(knowledge: Path) -> dict[str, Location]:
    """Contact id -> the file and lines of its record (files that cannot be read are left out)."""
    found: dict[str, Location] = {}
    for path in sorted((knowledge / "contacts").glob("*.yaml")):
        try:
            data = read_yaml(path)
        except (YamlError, OSError):
            continue
        entries = data.get("contacts") if isinstance(data, YMap) else None
        if not isinstance(entries, YList):
            continue
        for index, entry in enumerate(entries):
            if isinstance(entry, YMap) and isinstance(entry.get("id"), str) and entry["id"] not in found:
                line = entries.line_of(index)
                found[entry["id"]] = Location(path, line, entry.line_of("verified") if "verified" in entry else None)
    return found


def verify_contact(knowledge: Path, contact_id: str, date: dt.date, today: dt.date | None = None) -> Verified:
    if date > (today or dt.date.today()):
        raise VerifyError(f"{date.isoformat()} is in the future: give the date the details were checked")
    location = contact_locations(knowledge).get(contact_id)
    if location is None:
        raise VerifyError(f"no contact has the id '{contact_id}' in {display_path(knowledge / 'contacts')}/*.yaml")
    if location.verified_line is None:
        raise VerifyError(f"{location}: the contact has no 'verified:' line; add 'verified: null' and try again")
    original = location.path.read_bytes()
    lines = original.decode("utf-8").splitlines(keepends=True)
    before = lines[location.verified_line - 1]
    if len(_VALUE.findall(before)) != 1:
        raise VerifyError(f"{display_path(location.path)}:{location.verified_line}: edit this line by hand")
    after = _VALUE.sub(lambda m: f"{m['key']}{m['space'] or ' '}{date.isoformat()}", before, count=1)
    lines[location.verified_line - 1] = after
    _write(location.path, "".join(lines).encode("utf-8"))
    if _verified_in_file(location.path, contact_id) != date.isoformat():
        _write(location.path, original)
        raise VerifyError(f"{display_path(location.path)}:{location.verified_line}: the date could not be set here")
    return Verified(location.path, location.verified_line, before, after)


def _verified_in_file(path: Path, contact_id: str) -> str | None:
    try:
        data = read_yaml(path)
    except YamlError:
        return None
    for entry in data.get("contacts") or [] if isinstance(data, YMap) else []:
        if isinstance(entry, YMap) and entry.get("id") == contact_id:
            return as_iso_date(entry.get("verified"))
    return None


def _write(path: Path, data: bytes) -> None:
    """Replace the file in one step (the live reloader never reads half a file), keeping its permissions."""
    mode = path.stat().st_mode
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
