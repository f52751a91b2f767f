#!/usr/bin/env bash
# npm run test:e2e — build, package the extension as a VSIX, make sure code-server and chromium are
# installed, then run test/e2e/*.test.ts (bundled by the build) with Node's test runner.
# Screenshots land in test-results/.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
npm run build --silent
bash scripts/e2e-install-code-server.sh "${DISTRO_TOML_CODE_SERVER_DIR:-.vscode-test/code-server}"
mkdir -p .vscode-test test-results
rm -f test-results/e2e-*.png   # no stale failure screenshots from an earlier run
npx vsce package --no-dependencies --allow-missing-repository --out .vscode-test/distro-toml.vsix >/dev/null
echo "packaged .vscode-test/distro-toml.vsix ($(du -k .vscode-test/distro-toml.vsix | cut -f1) KiB) in $(( $(date +%s) - start )) s"
node --test --test-concurrency=1 --test-reporter=spec out/test/e2e/*.test.cjs
echo "e2e finished in $(( $(date +%s) - start )) s; screenshots in test-results/"
