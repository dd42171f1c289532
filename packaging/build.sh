#!/usr/bin/env bash
# Build the one-folder package with PyInstaller and check it: --version, analyze on the sample,
# and an offscreen --screenshot. Usage: packaging/build.sh  (from anywhere; uses ./.venv)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
"$PY" -m pip install -q "pyinstaller>=6"
"$PY" packaging/make_icons.py
"$PY" -m PyInstaller --noconfirm --clean --distpath build/dist --workpath build/work packaging/reader.spec
APP="$ROOT/build/dist/reader"

echo "== check: version"
"$APP/reader" --version
echo "== check: analyze the sample"
"$APP/reader" analyze "$ROOT/data/sample-article.txt" --format json > build/sample.json
"$PY" - <<'PY'
import json
d = json.load(open("build/sample.json"))
assert d["sources"] and d["statements"], "the packaged analysis found nothing"
print(f"sources {len(d['sources'])}, statements {len(d['statements'])}")
PY
echo "== check: offscreen screenshot"
tmp=$(mktemp -d)
QT_QPA_PLATFORM=offscreen "$APP/reader" --data-dir "$tmp" --screenshot build/package-screenshot.png
test -s build/package-screenshot.png
echo "package OK: $APP ($(du -sh "$APP" | cut -f1))"
