// Copies the screenshots the e2e run saved (test-results/) into the Marketplace README's images (docs/images/)
// and the walkthrough's (walkthrough/), scaled down by chromium so the VSIX and the repository stay small.
// Run after `npm run test:e2e`: node scripts/docImages.mjs
import { readFileSync, existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const IMAGES = [
  ['test-results/e2e-problems.png', 'docs/images/problems.png', 1000],
  ['test-results/e2e-render-preview.png', 'docs/images/render-preview.png', 1000],
  ['test-results/e2e-status.png', 'docs/images/status.png', 1000],
  ['test-results/e2e-restricted-status.png', 'docs/images/restricted.png', 1000],
  ['test-results/e2e-problems.png', 'walkthrough/problems.png', 700],
  ['test-results/e2e-render-preview.png', 'walkthrough/render-preview.png', 700],
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const [from, to, width] of IMAGES) {
    if (!existsSync(from)) throw new Error(`${from} is missing: run npm run test:e2e first`);
    const png = readFileSync(from);
    const w = png.readUInt32BE(16);
    const h = png.readUInt32BE(20);
    const height = Math.round((h * width) / w);
    const page = await browser.newPage({ viewport: { width, height } });
    await page.setContent(`<body style="margin:0"><img style="width:${width}px;height:${height}px;display:block" src="data:image/png;base64,${png.toString('base64')}"></body>`);
    await page.screenshot({ path: to });
    await page.close();
    console.log(`${to}: ${width}×${height}`);
  }
} finally {
  await browser.close();
}
