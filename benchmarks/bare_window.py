"""The baseline for start-up: a bare PySide6 window showing the sample text, painted and grabbed."""

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QTextEdit

app = QApplication(sys.argv)
view = QTextEdit()
view.setPlainText((Path(__file__).resolve().parents[1] / "data" / "sample-article.txt").read_text())
view.resize(1400, 900)
view.show()
app.processEvents()
view.grab().save(sys.argv[1])
