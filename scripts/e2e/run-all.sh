#!/usr/bin/env bash
# `npm run test:e2e`: the end-to-end tests, from tools to verdict.
#   1. tools (apt + a cache outside the clone: $MARGINALIA_TOOLS, default ~/.cache/marginalia-tools)
#   2. npm run build, compile the suite, package marginalia.vsix
#   3. ext-host: the mocha suite inside a real VS Code's extension host
#   4. ui:       the packaged .vsix in the real workbench, checked as a reader sees it (screenshots)
#   5. nvim:     Neovim as a second LSP client, with the configuration the README shows
#   6. emacs:    Emacs + eglot likewise
# Stages 3-6 all run even when one fails, so one run shows everything that is broken.
# Run some only:  npm run test:e2e -- ext-host nvim
# Everything a run leaves is in .e2e-artifacts/ (kept as CI artifacts).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
ART="$ROOT/.e2e-artifacts"
mkdir -p "$ART"
T0=$SECONDS
stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(ext-host ui nvim emacs)

# A failed tool setup or build ends the run at once: nothing after it could mean anything.
# A failed packaging only fails the UI check, which is the stage that installs the .vsix.
prepare() {
  local mode=$1 name=$2; shift 2
  local s=$SECONDS log="$ART/$name.log"
  echo "=== $name"
  if ! "$@" >"$log" 2>&1; then
    tail -40 "$log"
    echo
    if [ "$mode" = soft ]; then
      echo "    FAILED: $name (full log: ${log#"$ROOT"/})"
      return 1
    fi
    echo "E2E FAILED while preparing: $name (full log: ${log#"$ROOT"/})"
    echo "e2e: 0 passed, 1 failed"
    exit 1
  fi
  echo "    ok in $((SECONDS - s)) s (log: ${log#"$ROOT"/})"
}
prepare hard setup-tools bash scripts/e2e/setup-tools.sh
prepare hard build npm run build
prepare hard build-tests node scripts/e2e/build-tests.mjs
packaged=true
rm -f "$ROOT/marginalia.vsix" # a stale one must not pass the UI check
prepare soft package node scripts/package.mjs --no-build || packaged=false

declare -A status took
for stage in "${stages[@]}"; do
  echo "=== $stage"
  s=$SECONDS
  rm -f "$ART/$stage/summary.json" # only this run's verdict may count
  case "$stage" in
    ext-host) node scripts/e2e/run-ext-tests.mjs ;;
    ui)
      if $packaged; then node scripts/e2e/ui-check.mjs; else
        rm -rf "$ART/ui" "$ART/screenshots" && mkdir -p "$ART/ui" && echo '{"stage":"ui","passed":0,"failed":1}' >"$ART/ui/summary.json"
        echo "[ui] not run: packaging marginalia.vsix failed (.e2e-artifacts/package.log)"; false
      fi ;;
    nvim) bash test/nvim/run.sh ;;
    emacs) bash test/emacs/run.sh ;;
    *) echo "unknown stage $stage (stages: ext-host ui nvim emacs)"; false ;;
  esac
  status[$stage]=$?
  took[$stage]=$((SECONDS - s))
done

# Each stage leaves .e2e-artifacts/<stage>/summary.json; a stage that died before writing
# one counts as one failure.
echo
echo "=== summary ($((SECONDS - T0)) s in all)"
failed_stages=()
passed=0 failed=0
for stage in "${stages[@]}"; do
  read -r p f < <(node -e '
    try { const s = require(process.argv[1]); console.log(s.passed, s.failed); } catch { console.log(0, 1); }' \
    "$ART/$stage/summary.json")
  passed=$((passed + p)) failed=$((failed + f))
  verdict=ok
  if [ "${status[$stage]}" -ne 0 ] || [ "$f" -ne 0 ]; then verdict=FAILED; failed_stages+=("$stage"); fi
  printf '  %-9s %-6s %3d passed, %d failed, %3d s   %s\n' "$stage" "$verdict" "$p" "$f" "${took[$stage]}" ".e2e-artifacts/$stage/"
done
[ -d "$ART/screenshots" ] && echo "  screenshots: .e2e-artifacts/screenshots/"
if [ ${#failed_stages[@]} -gt 0 ]; then
  echo "E2E FAILED: ${failed_stages[*]} (logs in the folders above; the failing checks are printed in each stage's output)"
  [ "$failed" -gt 0 ] || failed=1
  echo "e2e: $passed passed, $failed failed"
  exit 1
fi
echo "e2e: $passed passed, $failed failed"
