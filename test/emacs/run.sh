#!/usr/bin/env bash
# Emacs + eglot as a third LSP client: batch Emacs loads test/emacs/memo-eglot.el, the
# configuration the README shows, opens the seed memo and checks document symbols, hover and
# definition against memo-language-server (this repository's bin/, built).
#   bash test/emacs/run.sh       (needs `npm run build`; apt packages emacs-nox, elpa-eglot)
# Log: .e2e-artifacts/emacs/emacs.log
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ART="$ROOT/.e2e-artifacts/emacs"
rm -rf "$ART" && mkdir -p "$ART/bin"
summary() { printf '{"stage":"emacs","passed":%d,"failed":%d}\n' "$1" "$2" >"$ART/summary.json"; }

command -v emacs >/dev/null || { echo "emacs not found: install Debian's emacs-nox and elpa-eglot (scripts/e2e/setup-tools.sh does)"; summary 0 1; exit 1; }
[ -f "$ROOT/dist/server.js" ] || { echo "dist/server.js missing: run npm run build"; summary 0 1; exit 1; }

# The README tells users to put memo-language-server on PATH (npm link); here it is this checkout's.
cat >"$ART/bin/memo-language-server" <<SH
#!/bin/sh
exec node "$ROOT/bin/memo-language-server.js" "\$@"
SH
chmod +x "$ART/bin/memo-language-server"

# HOME: keep the user's own Emacs init and eglot's state out of the test.
PATH="$ART/bin:$PATH" HOME="$ART/home" MEMO_FILE="$ROOT/test/e2e/fixtures/kennan-1951.memo" \
  timeout 90 emacs --batch -Q -l "$ROOT/test/emacs/eglot-test.el" 2>"$ART/emacs-stderr.log" </dev/null | tee "$ART/emacs.log"
rc=${PIPESTATUS[0]}

line=$(grep -E '^emacs: [0-9]+ passed, [0-9]+ failed' "$ART/emacs.log" | tail -1)
if [ -n "$line" ]; then
  read -r p f < <(echo "$line" | sed -E 's/^emacs: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/')
  summary "$p" "$f"
else
  summary 0 1
  echo "emacs exited ($rc) before reporting; see $ART/emacs-stderr.log"
fi
[ "$rc" -eq 124 ] && echo "emacs timed out after 90 s"
exit "$rc"
