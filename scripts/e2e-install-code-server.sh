#!/usr/bin/env bash
# Used by scripts/e2e.sh (npm run test:e2e); a copy of the team's shared install tool, kept here so a
# clean clone can run the end-to-end test on its own.
# Install a real VS Code (code-server 4.100.3 = VS Code 1.100.3, web workbench) from the npm
# registry alone, with no download from anywhere else, into DIR (default .vscode-test/code-server).
# Afterwards:
#   DIR/node_modules/.bin/code-server --extensions-dir E --user-data-dir U --install-extension X.vsix
#   DIR/node_modules/.bin/code-server --auth none --bind-addr 127.0.0.1:PORT --user-data-dir U \
#       --extensions-dir E --disable-telemetry --disable-update-check --disable-workspace-trust FOLDER
# and drive http://127.0.0.1:PORT/?folder=FOLDER with playwright-core + Debian's chromium
# (executablePath /usr/bin/chromium; args --no-sandbox --disable-gpu --disable-background-networking
#  --disable-component-update --disable-sync --no-first-run). Needs Node 20.
# Debian packages it needs: libkrb5-dev pkg-config ripgrep, and chromium for the browser; installed
# with apt-get when missing.
set -euo pipefail
DIR=${1:-.vscode-test/code-server}
VERSION=${CODE_SERVER_VERSION:-4.100.3}
if ! command -v rg >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1 || [[ ! -x /usr/bin/chromium ]]; then
  apt-get update -qq && apt-get install -y -qq libkrb5-dev pkg-config ripgrep chromium >/dev/null
fi
if [[ -x $DIR/node_modules/.bin/code-server && -f $DIR/.installed-$VERSION ]]; then exit 0; fi
mkdir -p "$DIR" && cd "$DIR"
[[ -f package.json ]] || echo '{"private":true}' > package.json
npm install --ignore-scripts --no-audit --no-fund "code-server@$VERSION" >/dev/null
export npm_config_yes=true   # node-pty's post-install runs npx node-gyp
npm rebuild argon2 >/dev/null  # builds from source when the prebuilt download fails
vs=node_modules/code-server/lib/vscode
( cd "$vs"
  npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null
  mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  npm rebuild node-pty @vscode/spdlog native-watchdog @parcel/watcher kerberos >/dev/null
  ln -sfn node_modules node_modules.asar
  ( cd bin/remote-cli && ln -sfn code-linux.sh code-server )
  ( cd bin/helpers && ln -sfn browser-linux.sh browser.sh )
  ( cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null ) )
touch ".installed-$VERSION"
echo "code-server $VERSION installed in $DIR"
