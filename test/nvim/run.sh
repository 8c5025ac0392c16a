#!/usr/bin/env bash
# Neovim as a second LSP client: headless Neovim (0.7.2 on Debian 12) loads test/nvim/init.lua,
# the configuration the README shows, opens the seed memo and checks document symbols, hover,
# definition and references against memo-language-server (the repository's bin/, built).
#   bash test/nvim/run.sh        (needs `npm run build`; apt package neovim)
# Log: .e2e-artifacts/nvim/ (nvim.log with the checks, lsp.log from Neovim's LSP client).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ART="$ROOT/.e2e-artifacts/nvim"
rm -rf "$ART" && mkdir -p "$ART/bin"
summary() { printf '{"stage":"nvim","passed":%d,"failed":%d}\n' "$1" "$2" >"$ART/summary.json"; }

command -v nvim >/dev/null || { echo "nvim not found: install Debian's neovim (scripts/e2e/setup-tools.sh does)"; summary 0 1; exit 1; }
[ -f "$ROOT/dist/server.js" ] || { echo "dist/server.js missing: run npm run build"; summary 0 1; exit 1; }

# The README tells users to put memo-language-server on PATH (npm link); here it is this checkout's.
cat >"$ART/bin/memo-language-server" <<SH
#!/bin/sh
exec node "$ROOT/bin/memo-language-server.js" "\$@"
SH
chmod +x "$ART/bin/memo-language-server"

# XDG_*: Neovim's LSP log (lsp.log) and state land in the artifacts, not in ~.
# timeout: a hung server must not hang CI; the Lua side waits with its own deadlines.
PATH="$ART/bin:$PATH" XDG_CACHE_HOME="$ART/xdg" XDG_STATE_HOME="$ART/xdg" \
  MEMO_FILE="$ROOT/test/e2e/fixtures/kennan-1951.memo" \
  timeout 90 nvim --headless -u NONE -i NONE -n -c "luafile $ROOT/test/nvim/nvim-lsp-test.lua" 2>&1 </dev/null | tee "$ART/nvim.log"
rc=${PIPESTATUS[0]}
find "$ART/xdg" -name 'lsp.log' -exec cp {} "$ART/lsp.log" \; 2>/dev/null

line=$(grep -E '^nvim: [0-9]+ passed, [0-9]+ failed' "$ART/nvim.log" | tail -1)
if [ -n "$line" ]; then
  read -r p f < <(echo "$line" | sed -E 's/^nvim: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/')
  summary "$p" "$f"
else
  summary 0 1
  echo "nvim exited ($rc) before reporting; see $ART/nvim.log and $ART/lsp.log"
fi
[ "$rc" -eq 124 ] && echo "nvim timed out after 90 s"
exit "$rc"
