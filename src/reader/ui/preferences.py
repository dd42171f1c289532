"""Edit → Preferences…: the user's name, recorded as the creator of their highlights, notes,
ratings and corrections (library/members.py). On a team library (PostgreSQL) the identity is
the database role, shown as it is, and the name is displayed beside it; on a library file the
name is the identity."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

# QFormLayout and QDialogButtonBox are imported when the dialog is made: naming them here would
# have PySide6 build them (and their enums) at every start, which shows no dialog
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from reader.library.members import Member

NAME_HELP_TEAM = (
    "You are {role} on this team library: the database role decides what you can read and "
    "change. Your name is shown beside it on your notes, ratings and corrections."
)
NAME_HELP_FILE = (
    "Recorded as the creator of your highlights, notes, ratings and corrections, and in "
    "the annotations you export."
)


class PreferencesDialog(QDialog):
    """Emits nothing: it saves through the window's operations and says so in the status bar."""

    def __init__(self, window: Any) -> None:
        from PySide6.QtWidgets import QDialogButtonBox, QFormLayout

        super().__init__(window)
        self.main = window
        self.setWindowTitle("Preferences")
        self.setObjectName("preferencesDialog")
        self.team = bool(window.library.location.is_postgres)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setObjectName("memberName")
        self.name.setMaxLength(80)
        self.name.setPlaceholderText("Your name")
        form.addRow("Your &name:", self.name)
        lay.addLayout(form)
        self.help = QLabel(self)
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.help)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.setMinimumWidth(440)
        self.member: Member | None = None

    def load(self) -> None:
        """Read the user's identity and name (off the window's thread)."""
        lib = self.main.library
        self.main.ops.run(lib.member, self._loaded, self.main._failed)

    def _loaded(self, member: Member) -> None:
        self.member = member
        if self.team:
            self.name.setText(member.display)
            self.name.setPlaceholderText(member.name)
            self.help.setText(NAME_HELP_TEAM.format(role=member.name))
        else:
            self.name.setText(member.name)
            self.help.setText(NAME_HELP_FILE)
        # a wrapped label asks for one line until told its width: make room for all of it
        self.help.setMinimumHeight(self.help.heightForWidth(self.minimumWidth() - 24))
        self.adjustSize()

    def save(self) -> None:
        name = self.name.text()
        if self.member is not None and name.strip() == (
            self.member.display if self.team else self.member.name
        ):
            self.accept()
            return
        lib, window = self.main.library, self.main

        def saved(member: Member) -> None:
            window.show_message(f"Your name is now {member.label}")
            team = getattr(getattr(window, "annotations", None), "team", None)
            if team is not None:
                team.load()  # the Annotations tab names members again
            self.accept()

        window.ops.run(lambda: lib.set_member_name(name), saved, window._failed, edit=True)


class PreferencesFeature:
    """Edit → Preferences… (Ctrl+,)."""

    def __init__(self, window: Any) -> None:
        self.main = window
        self.dialog: PreferencesDialog | None = None
        self.action = QAction("Pre&ferences…", window)
        self.action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        self.action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.action.setStatusTip("Your name on your notes, ratings and corrections")
        self.action.triggered.connect(self.show)
        window.edit_menu.addSeparator()
        window.edit_menu.addAction(self.action)

    def show(self, _checked: Any = False) -> QWidget:
        if self.dialog is None:
            self.dialog = PreferencesDialog(self.main)
        self.dialog.load()
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog


def install_preferences(window: Any) -> PreferencesFeature:
    window.preferences = PreferencesFeature(window)
    return window.preferences
