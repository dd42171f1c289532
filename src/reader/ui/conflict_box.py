"""The message shown when a note the user saved had been changed meanwhile elsewhere (another
window, process or member's machine; reader.errors.ConflictError): both texts, and the choice
of keeping theirs, mine or both. Non-modal: the answer comes back through a callback."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # imported where a box is shown (see ask_theirs_or_mine)
    from PySide6.QtWidgets import QMessageBox

PREVIEW = 300  # characters of each side shown

THEIRS, MINE, BOTH, LATER = "theirs", "mine", "both", "later"


def both_texts(theirs: str, mine: str) -> str:
    """Theirs, then mine: what "Keep both" saves."""
    return f"{theirs}\n\n{mine}".strip()


def ask_theirs_or_mine(
    parent: QWidget,
    what: str,
    theirs: str,
    mine: str,
    choose: Callable[[str], None],
    *,
    later: bool = False,
) -> QMessageBox:
    """Show both versions of `what` ("This note"); `choose` gets THEIRS, MINE, BOTH, or — when
    the message is closed undecided — LATER if `later` is offered, else BOTH (nothing the
    user typed is dropped without their say)."""
    # imported here: the name alone makes PySide6 build the class and its enums, which the
    # window's start (no message box in its first paint) would pay for nothing
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setObjectName("conflictBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Changed elsewhere")
    box.setText(f"{what} was changed elsewhere while you edited it. Nothing was written over.")
    box.setInformativeText(f"Theirs:\n{_cut(theirs)}\n\nYours:\n{_cut(mine)}")
    buttons = {
        box.addButton("Keep Mine", QMessageBox.ButtonRole.AcceptRole): MINE,
        box.addButton("Keep Both", QMessageBox.ButtonRole.AcceptRole): BOTH,
        box.addButton("Take Theirs", QMessageBox.ButtonRole.DestructiveRole): THEIRS,
    }
    if later:
        buttons[box.addButton("Decide Later", QMessageBox.ButtonRole.RejectRole)] = LATER
    box.setDefaultButton(next(b for b, v in buttons.items() if v == BOTH))

    def finished(_result: int) -> None:
        choose(buttons.get(box.clickedButton(), LATER if later else BOTH))  # type: ignore[call-overload]

    box.finished.connect(finished)
    box.open()
    return box


def _cut(text: str) -> str:
    return text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "…"
