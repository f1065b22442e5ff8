// Tests of the browser check itself (check-pages.mjs): each broken page below must fail with the
// reason it was broken for, and the good page must pass. One Chromium run over one folder.
//
//   node --test render/check-pages.test.mjs          (from notebooks/; check.sh runs it first)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const CHECKER = join(dirname(fileURLToPath(import.meta.url)), 'check-pages.mjs');
// a 1x1 PNG
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const PICTURE = "<svg xmlns='http://www.w3.org/2000/svg' width='120' height='40' viewBox='0 0 120 40'>"
  + "<rect x='1' y='1' width='100' height='30' fill='#d8e6f3' stroke='#345'/><text x='10' y='20'>key</text></svg>";

function page(outputs, { head = '<link rel="stylesheet" href="notebook.css">' } = {}) {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title>${head}</head>
<body class="jp-Notebook"><div class="jp-Cell jp-CodeCell"><div class="jp-OutputArea">${outputs}</div></div>
<div class="jp-Cell jp-CodeCell"><div class="jp-OutputArea"><img src="${PNG}" width="10" height="10"></div></div>
</body></html>`;
}

// name -> [page, the line the check must print for it (null: must pass)]
const PAGES = {
  'good.html': [page(PICTURE), null],
  'cdn.html': [page(PICTURE, { head: '<script src="https://cdn.example.invalid/require.js"></script>'
      + '<link rel="stylesheet" href="notebook.css">' }), /request outside the page's folder.*cdn\.example\.invalid/],
  'no-stylesheet.html': [page(PICTURE, { head: '<link rel="stylesheet" href="gone.css">' }),
    /the stylesheet \(notebook\.css\) did not apply/],
  // what nbconvert's lab template does to an image/svg+xml output (lxml clean_html): attributes gone
  'sanitized-svg.html': [page('<svg width="120" height="40"><style>.a{}</style>key</svg>'), /cell 1: <svg> draws nothing/],
  'zero-size-svg.html': [page(PICTURE.replace("width='120' height='40'", "width='0' height='40'")),
    /cell 1: <svg> renders 0x40/],
  'broken-img.html': [page(PICTURE + '<img src="missing.png">'), /cell 1: <img> did not load/],
  'error-output.html': [page(PICTURE + '<div data-output-type="error"><pre>java.lang.IllegalStateException: boom</pre></div>'),
    /cell 1: error output: java\.lang\.IllegalStateException: boom/],
  'console-error.html': [page(PICTURE + "<script>console.error('drawn wrong')</script>"), /console error: drawn wrong/],
  'page-error.html': [page(PICTURE + '<script>notDefined()</script>'), /page error: notDefined is not defined/],
  'no-cells.html': ['<!DOCTYPE html><html><head><link rel="stylesheet" href="notebook.css"></head><body></body></html>',
    /no notebook cell on the page/],
  'index.html': ['<!DOCTYPE html><html><head><link rel="stylesheet" href="notebook.css"></head><body>'
      + '<a href="good.html">good</a> <a href="gone.html">gone</a></body></html>', /links a missing page: gone\.html/],
};

let output = '';
let status;

before(() => {
  const dir = mkdtempSync(join(tmpdir(), 'kmslab-check-pages-'));
  try {
    writeFileSync(join(dir, 'notebook.css'), ':root { --jp-cell-prompt-width: 64px; }\n');
    for (const [name, [html]] of Object.entries(PAGES)) writeFileSync(join(dir, name), html);
    const run = spawnSync(process.execPath, [CHECKER, dir], { encoding: 'utf8', timeout: 120_000 });
    output = (run.stdout + run.stderr).replaceAll(dir + '/', '');
    status = run.status;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// the check's report of one page: its OK/FAILED line and the indented reasons after it
function reportOf(name) {
  const lines = output.split('\n');
  const at = lines.findIndex(l => l.match(/^\[check-pages\] (?:OK|FAILED) +(\S+) \(/)?.[1] === name);
  assert.ok(at >= 0, `no report for ${name} in:\n${output}`);
  const report = [lines[at]];
  for (let i = at + 1; i < lines.length && lines[i].startsWith('    '); i++) report.push(lines[i]);
  return report.join('\n');
}

for (const [name, [, expected]] of Object.entries(PAGES)) {
  test(expected ? `${name} fails: ${expected.source}` : `${name} passes`, () => {
    const report = reportOf(name);
    if (expected) {
      assert.match(report, /FAILED/, report);
      assert.match(report, expected, report);
    } else {
      assert.match(report, /\bOK\b/, report);
    }
  });
}

test('the check exits non-zero and counts the failed pages', () => {
  assert.equal(status, 1, output);
  const bad = Object.values(PAGES).filter(([, e]) => e).length;
  assert.match(output, new RegExp(`pages: 1 passed, ${bad} failed`));
});
