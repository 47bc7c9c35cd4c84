"""Talk to the bot in a terminal: same core, same replies; buttons become numbered choices. An image (the QR code
of a "Send to my client" link) is saved as a PNG file and its path is printed."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from bot.config import DATA_DIR
from bot.conversation import Conversation, Outcome, Profile
from bot.effects import SendImage
from bot.replies import Button, Reply

IMAGES = DATA_DIR / "images"  # where the terminal chat saves the images it is sent


def render(reply: Reply, first_number: int = 1) -> tuple[str, list[Button]]:
    """The reply as plain text with numbered buttons, and the buttons in their numbering order."""
    buttons = [button for row in reply.buttons for button in row]
    lines = [reply.text]
    if buttons:
        lines.append("")
        lines.extend(f"  [{n}] {b.text}" for n, b in enumerate(buttons, start=first_number))
    return "\n".join(lines), buttons


PERSON = "console"  # the one person at the terminal (for the brief memory of their last topic)


def save_image(conversation: Conversation, image: SendImage, folder: Path, lang: str) -> str:
    """Write the image as `<folder>/<name>.png`; the line that says where it is, in the person's language."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{Path(image.name).name}.png"
    path.write_bytes(image.png)
    return conversation.catalogs.translator(lang).gettext("Image saved as {path}", path=str(path.resolve()))


def run_console(
    conversation: Conversation,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    bot_username: str | None = None,
    images: Path = IMAGES,
) -> int:
    """`bot_username` (BOT_USERNAME): lets "Send to my client" make links; their QR codes are saved in `images`."""
    profile = Profile(client_lang=None)
    buttons: list[Button] = []

    def show(outcome: Outcome) -> None:
        nonlocal buttons, profile
        profile = outcome.profile
        buttons = []
        for reply in outcome.replies:
            text, new = render(reply, first_number=len(buttons) + 1)
            buttons.extend(new)
            stdout.write(text + "\n\n")
        for image in (e for e in outcome.effects if isinstance(e, SendImage)):
            stdout.write(save_image(conversation, image, images, outcome.lang or profile.ui_lang) + "\n\n")
        stdout.flush()

    t = conversation.catalogs.translator("en")
    intro = t.gettext(
        "Type a question, a command (/start, /topics, /contacts, /help), a number to press a button, or /quit."
    )
    stdout.write(intro + "\n\n")
    show(conversation.on_command(profile, "start"))
    for line in _lines(stdin, stdout):
        text = line.strip()
        if text in ("/quit", "/exit"):
            break
        if text.isdigit() and 1 <= int(text) <= len(buttons):
            show(conversation.on_button(profile, buttons[int(text) - 1].data, bot_username))
        elif text.startswith("/"):
            command, _, argument = text[1:].partition(" ")
            show(conversation.on_command(profile, command.lower(), argument.strip(), person=PERSON))
        else:
            show(conversation.on_text(profile, text, PERSON))
    return 0


def _lines(stdin: TextIO, stdout: TextIO) -> Iterator[str]:
    while True:
        if stdin.isatty():
            stdout.write("> ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            return
        yield line
