// Search benchmark driver: trang's index against Pagefind on the same built site, in
// headless Debian chromium. Run by bench/search.sh, which builds the sites and the
// Pagefind index first.
//
//   node bench.js measure PUBLIC_DIR    # bytes for a first query, median query time
//   node bench.js recall PUBLIC_DIR     # the shared vectors (site from tests/browser/fixture.js)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { serve } = require('../../tests/browser/server');

const ROOT = path.join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const RESULTS = 10;

// Two-word queries typical of the corpus (with and without diacritics).
const FIRST_QUERIES = ['quản lý', 'thông tin', 'hanh chinh', 'trách nhiệm'];
const TIMED_QUERIES = ['quản lý', 'thông tin', 'điện tử', 'trách nhiệm', 'cơ quan', 'nội bộ', 'đơn vị', 'tổ chức',
  'cá nhân', 'quy chế', 'thu tuc', 'van ban', 'dat dai', 'bien tap', 'cung cap', 'nhà nước', 'phòng chống',
  'an ninh', 'hành chính', 'đầu tư', 'quyết định', 'ban hành', 'chuyên môn', 'phát triển'];

// The Pagefind page: the JS API, the first RESULTS results' data, like its UI does.
const PAGEFIND_HTML = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>pagefind</title>
<script type="module" src="/pagefind-bench.js"></script></head><body></body></html>`;
const PAGEFIND_JS = `
const pagefind = await import('/pagefind/pagefind.js');
await pagefind.init();
async function run(q, n) {
  const s = await pagefind.search(q);
  const data = await Promise.all(s.results.slice(0, n).map((r) => r.data()));
  return { total: s.results.length, urls: data.map((d) => d.url) };
}
window.benchRun = run;
const q = new URLSearchParams(location.search).get('q');
window.benchDone = q ? await run(q, ${RESULTS}) : { total: 0, urls: [] };
`;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// Bytes are counted by the server (bodies of every file served), so requests from
// workers and wasm count too.
async function firstQuery(browser, site, engine, query) {
  const context = await browser.newContext(); // a cold cache
  const page = await context.newPage();
  const base = site.url;
  const url = engine === 'trang' ? `${base}/tim-kiem/?q=${encodeURIComponent(query)}` : `${base}/pagefind-bench.html?q=${encodeURIComponent(query)}`;
  site.reset();
  await page.goto(url);
  let shown;
  if (engine === 'trang') {
    await page.waitForFunction(() => /kết quả|Không/.test(document.getElementById('ket-qua-trang-thai').textContent), null, { timeout: 60000 });
    shown = await page.evaluate(() => document.querySelectorAll('#ket-qua > li').length);
  } else {
    await page.waitForFunction(() => window.benchDone, null, { timeout: 120000 });
    shown = await page.evaluate(() => window.benchDone.urls.length);
  }
  await page.waitForTimeout(300);
  const files = site.stats.files.slice();
  await context.close();
  const isSearch = (f) => engine === 'trang' ? /^\/search\/|^\/assets\/search\./.test(f[0]) : /^\/pagefind\//.test(f[0]);
  const sum = (xs) => xs.reduce((a, f) => a + f[1], 0);
  const search = files.filter(isSearch);
  return { shown, files: search.length, searchBytes: sum(search), allBytes: sum(files), list: files };
}

async function queryTimes(browser, base, engine) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (engine === 'trang') {
    await page.goto(`${base}/tim-kiem/`);
    await page.waitForFunction(() => window.trang);
    await page.evaluate(() => window.trang.search('trang', { limit: 10 }));
  } else {
    await page.goto(`${base}/pagefind-bench.html`);
    await page.waitForFunction(() => window.benchDone);
    await page.evaluate(() => window.benchRun('trang', 10));
  }
  const times = await page.evaluate(async ({ engine, queries, n }) => {
    const out = [];
    for (const q of queries) {
      const t = performance.now();
      if (engine === 'trang') await window.trang.search(q, { limit: n });
      else await window.benchRun(q, n);
      out.push(performance.now() - t);
    }
    return out;
  }, { engine, queries: TIMED_QUERIES, n: RESULTS });
  await context.close();
  return { median: median(times), max: Math.max(...times), times };
}

async function withSite(dir, fn) {
  fs.writeFileSync(path.join(dir, 'pagefind-bench.html'), PAGEFIND_HTML);
  fs.writeFileSync(path.join(dir, 'pagefind-bench.js'), PAGEFIND_JS);
  const site = await serve(dir, { csp: false });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    return await fn(browser, site.url, site);
  } finally {
    await browser.close();
    site.server.close();
  }
}

async function measure(dir) {
  return withSite(dir, async (browser, base, site) => {
    const first = {};
    for (const q of FIRST_QUERIES) {
      first[q] = { trang: await firstQuery(browser, site, 'trang', q), pagefind: await firstQuery(browser, site, 'pagefind', q) };
    }
    const times = { trang: await queryTimes(browser, base, 'trang'), pagefind: await queryTimes(browser, base, 'pagefind') };
    return { first, times, queries: TIMED_QUERIES.length, results: RESULTS };
  });
}

async function recall(dir) {
  const rows = fs.readFileSync(path.join(ROOT, 'tests/data/vi/search_folding.tsv'), 'utf8')
    .split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
  return withSite(dir, async (browser, base) => {
    const context = await browser.newContext();
    const out = {};
    for (const engine of ['trang', 'pagefind']) {
      const page = await context.newPage();
      if (engine === 'trang') {
        await page.goto(`${base}/tim-kiem/`);
        await page.waitForFunction(() => window.trang);
      } else {
        await page.goto(`${base}/pagefind-bench.html`);
        await page.waitForFunction(() => window.benchDone);
      }
      let found = 0, must = 0, falsePos = 0, mustNot = 0;
      const missed = [], wrong = [];
      for (const [id, , query, , expected] of rows) {
        const url = `/v/${id.toLowerCase()}/`;
        const urls = await page.evaluate(async ({ engine, query }) => {
          if (engine === 'trang') {
            const r = await window.trang.search(query, { limit: 200, fallback: 'never' });
            return r.map((x) => x.url);
          }
          return (await window.benchRun(query, 200)).urls;
        }, { engine, query });
        const hit = urls.some((u) => u === url || u === url + 'index.html');
        if (expected === 'match') { must++; if (hit) found++; else missed.push(id); } else { mustNot++; if (hit) { falsePos++; wrong.push(id); } }
      }
      out[engine] = { found, must, falsePos, mustNot, missed, wrong };
      await page.close();
    }
    await context.close();
    return out;
  });
}

(async () => {
  const [cmd, dir] = process.argv.slice(2);
  const result = cmd === 'recall' ? await recall(path.resolve(dir)) : await measure(path.resolve(dir));
  console.log(JSON.stringify(result, null, 1));
})().catch((e) => { console.error(e); process.exit(1); });
