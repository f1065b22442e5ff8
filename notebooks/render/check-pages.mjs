// Opens every rendered notebook page in headless Chromium and fails when one does not show as it should.
//
//   node render/check-pages.mjs DIR...        (from notebooks/, after `npm ci`; see check.sh)
//
// Each DIR (notebooks/target/html, docs/notebooks) is served on 127.0.0.1 and each *.html in it
// loaded in Debian's /usr/bin/chromium (KMSLAB_CHROMIUM overrides), driven by playwright-core
// (which downloads no browser). A page fails when:
//   - the browser logs a console error or the page throws;
//   - a request fails, answers >= 400, or leaves 127.0.0.1 (the pages must work offline: no CDN);
//   - the stylesheet did not apply (JupyterLab's CSS variables are missing);
//   - a picture (an outermost <svg>, an <img>) renders with zero width or height, an <svg> draws
//     nothing (empty bounding box of its content), or an <img> did not decode;
//   - a cell has an error output (data-output-type="error", see render/kmslab/index.html.j2);
//   - a notebook page has no cell, or index.html links a page that is not there.
// KMSLAB_SCREENSHOTS=DIR saves a full-page PNG of each page there (to look at, not compared).
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readdirSync, readFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.md': 'text/markdown; charset=utf-8' };

function serve(dir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = resolve(dir, '.' + path);
    if (!file.startsWith(resolve(dir)) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise(ok => server.listen(0, '127.0.0.1', () => ok(server)));
}

// runs in the page: what a reader would see wrong
function inspectPage() {
  const problems = [];
  const name = el => el.closest('.jp-Cell') ?
    `cell ${[...document.querySelectorAll('.jp-Cell')].indexOf(el.closest('.jp-Cell')) + 1}` : 'page';
  if (!getComputedStyle(document.body).getPropertyValue('--jp-cell-prompt-width').trim()) {
    problems.push('the stylesheet (notebook.css) did not apply');
  }
  let pictures = 0;
  for (const svg of document.querySelectorAll('svg')) {
    if (svg.parentElement.closest('svg')) continue;   // only outermost pictures
    pictures++;
    const r = svg.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) {
      problems.push(`${name(svg)}: <svg> renders ${r.width}x${r.height}`);
      continue;
    }
    const box = svg.getBBox();
    if (box.width <= 0 || box.height <= 0) problems.push(`${name(svg)}: <svg> draws nothing (empty content)`);
  }
  for (const img of document.querySelectorAll('img')) {
    pictures++;
    const r = img.getBoundingClientRect();
    if (!img.complete || img.naturalWidth === 0) problems.push(`${name(img)}: <img> did not load: ${img.src.slice(0, 80)}`);
    else if (r.width <= 0 || r.height <= 0) problems.push(`${name(img)}: <img> renders ${r.width}x${r.height}`);
  }
  for (const err of document.querySelectorAll('[data-output-type="error"]')) {
    problems.push(`${name(err)}: error output: ${err.textContent.trim().split('\n')[0].slice(0, 160)}`);
  }
  return { problems, pictures, cells: document.querySelectorAll('.jp-Cell').length,
    links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')) };
}

async function checkDir(browser, dir) {
  const pages = readdirSync(dir).filter(f => f.endsWith('.html')).sort();
  if (pages.length === 0) return [`${dir}: no *.html page`];
  const server = await serve(dir);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const failures = [];
  try {
    for (const file of pages) {
      const problems = [];
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      // the pages must not need the network: anything not served from DIR is refused and reported
      await context.route('**/*', route => {
        const url = route.request().url();
        if (url.startsWith(origin + '/') || url.startsWith('data:')) return route.continue();
        problems.push(`request outside the page's folder (offline it fails): ${url.slice(0, 120)}`);
        return route.abort();
      });
      const page = await context.newPage();
      page.on('console', msg => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
      page.on('pageerror', err => problems.push(`page error: ${err.message}`));
      page.on('requestfailed', req => {
        if (!req.url().startsWith(origin + '/')) return;   // already reported by the route
        problems.push(`request failed: ${req.url().slice(origin.length)} (${req.failure()?.errorText})`);
      });
      page.on('response', res => {
        if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url().slice(origin.length)}`);
      });
      await page.goto(`${origin}/${file}`, { waitUntil: 'load' });
      const seen = await page.evaluate(inspectPage);
      problems.push(...seen.problems);
      if (file === 'index.html') {
        for (const href of seen.links) {
          if (/^[\w.-]+\.html$/.test(href) && !pages.includes(href)) problems.push(`links a missing page: ${href}`);
        }
      } else if (seen.cells === 0) {
        problems.push('no notebook cell on the page');
      }
      if (process.env.KMSLAB_SCREENSHOTS) {
        mkdirSync(process.env.KMSLAB_SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: join(process.env.KMSLAB_SCREENSHOTS, file.replace(/\.html$/, '.png')), fullPage: true });
      }
      await context.close();
      const what = file === 'index.html' ? `${seen.links.length} links` : `${seen.cells} cells, ${seen.pictures} pictures`;
      if (problems.length === 0) {
        console.log(`[check-pages] OK     ${join(dir, file)} (${what})`);
      } else {
        console.log(`[check-pages] FAILED ${join(dir, file)} (${what})`);
        for (const p of problems) console.log(`    ${p}`);
        failures.push(join(dir, file));
      }
    }
  } finally {
    server.close();
  }
  return failures;
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node render/check-pages.mjs DIR...');
  process.exit(2);
}
const executablePath = process.env.KMSLAB_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`[check-pages] no browser at ${executablePath}: apt-get install -y chromium (or set KMSLAB_CHROMIUM)`);
  process.exit(1);
}
// playwright-core runs Chromium without its sandbox (chromiumSandbox: false), which root needs.
// The switches keep Chromium from calling home: this machine's network is closed.
const browser = await chromium.launch({
  executablePath,
  args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let failures = [];
let checked = 0;
try {
  for (const dir of dirs) {
    failures = failures.concat(await checkDir(browser, dir));
    checked += readdirSync(dir).filter(f => f.endsWith('.html')).length;
  }
} finally {
  await browser.close();
}
console.log(`pages: ${checked - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
