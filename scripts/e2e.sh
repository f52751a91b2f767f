#!/usr/bin/env bash
# npm run test:e2e — package the extension as a VSIX with `npm run package` (its vscode:prepublish builds
# everything, the test bundles included), make sure code-server and chromium are installed, then run
# test/e2e/*.test.ts with Node's test runner — and the project suite (extension.test.ts) a second time with the
# folder untrusted, in Restricted Mode. Screenshots land in test-results/.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/e2e-install-code-server.sh "${DISTRO_TOML_CODE_SERVER_DIR:-.vscode-test/code-server}"
mkdir -p .vscode-test test-results
rm -f test-results/e2e-*.png   # no stale failure screenshots from an earlier run
npm run package --silent -- --out .vscode-test/distro-toml.vsix >/dev/null
echo "packaged .vscode-test/distro-toml.vsix ($(du -k .vscode-test/distro-toml.vsix | cut -f1) KiB) in $(( $(date +%s) - start )) s"
node --test --test-timeout=600000 --test-concurrency=1 --test-reporter=spec out/test/e2e/*.test.cjs
echo "the project suite again, in Restricted Mode"
DISTRO_TOML_E2E_TRUST=restricted node --test --test-timeout=600000 --test-concurrency=1 --test-reporter=spec out/test/e2e/extension.test.cjs
echo "e2e finished in $(( $(date +%s) - start )) s; screenshots in test-results/"
