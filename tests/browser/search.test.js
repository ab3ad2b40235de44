// Browser tests of site search: a built site (TRANG_SEARCH_SITE, from run.sh) served on
// 127.0.0.1 with a strict Content-Security-Policy, queried through window.trang.search and
// through the search page, in headless Debian chromium. Under CI=true a missing browser
// fails instead of skipping.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { serve } = require('./server');

const SITE = process.env.TRANG_SEARCH_SITE;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const haveBrowser = fs.existsSync(CHROMIUM);
const CI = process.env.CI === 'true';
const skip = !SITE ? 'TRANG_SEARCH_SITE is not set (run tests/browser/run.sh)'
  : !haveBrowser && !CI ? `no browser at ${CHROMIUM}` : false;

const ROOT = path.join(__dirname, '..', '..');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser, context, site, userDir;

async function launch() {
  assert.ok(haveBrowser, `CI=true and there is no browser at ${CHROMIUM}: install Debian's chromium`);
  const { chromium } = require('playwright-core');
  userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trang-chromium-'));
  context = await chromium.launchPersistentContext(userDir, { executablePath: CHROMIUM, args: ARGS, headless: true });
  site = await serve(SITE, { csp: true });
}

async function openSearch(query) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`); });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(site.url + '/tim-kiem/' + (query ? '?q=' + encodeURIComponent(query) : ''));
  await page.waitForFunction(() => window.trang && document.querySelector('form[data-trang-search]').trangReady);
  await page.evaluate(() => document.querySelector('form[data-trang-search]').trangReady);
  return { page, problems };
}

function vectors() {
  return fs.readFileSync(path.join(ROOT, 'tests/data/vi/search_folding.tsv'), 'utf8')
    .split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
}

test('search in a browser', { skip }, async (t) => {
  await launch();
  t.after(async () => {
    await context.close();
    site.server.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  });

  await t.test('window.trang.search answers every vector row', async () => {
    const { page, problems } = await openSearch('');
    const rows = vectors().map(([id, , query, , expected, folded]) => ({ id, query, expected, folded }));
    const got = await page.evaluate(async (rows) => {
      const out = [];
      for (const r of rows) {
        const res = await window.trang.search(r.query, { limit: 100 });
        out.push({ id: r.id, urls: res.map((x) => x.url), strict: res.filter((x) => !x.approximate).map((x) => x.url), approximate: res.approximate });
      }
      return out;
    }, rows);
    let must = 0;
    const wrong = [];
    got.forEach((g, i) => {
      const r = rows[i];
      const url = `/v/${r.id.toLowerCase()}/`;
      if (r.expected === 'match') {
        must++;
        if (!g.strict.includes(url)) wrong.push(`${r.id}: ${r.query} misses its page`);
      } else if (g.strict.includes(url)) {
        wrong.push(`${r.id}: ${r.query} ranks its page in the strict results`);
      }
      if (r.expected === 'no_match' && r.folded === 'match' && g.approximate && !g.urls.includes(url)) {
        wrong.push(`${r.id}: the folded fallback misses its page`);
      }
    });
    assert.equal(must, 47);
    assert.deepEqual(wrong, []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  await t.test('results carry url, title, section, date and a marked excerpt', async () => {
    const { page } = await openSearch('');
    const res = await page.evaluate(async () => {
      const r = await window.trang.search('uy ban nhan dan', { limit: 3 });
      return { list: r.map((x) => ({ ...x })), total: r.total, approximate: r.approximate };
    });
    assert.ok(res.total >= 5, JSON.stringify(res));
    assert.equal(res.list.length, 3);
    assert.equal(res.approximate, false);
    for (const r of res.list) {
      assert.match(r.url, /^\/v\/s\d\d\/$/);
      assert.match(r.title, /^Trang S\d\d$/);
      assert.equal(r.section, 'Vectơ');
      assert.match(r.date, /^2020-01-\d\d$/);
      assert.match(r.excerpt, /<mark>(Ủy|ỦY|ủy|Ủy|UỶ)<\/mark>/i);
    }
    await page.close();
  });

  await t.test('a document number finds its document first; filters narrow', async () => {
    const { page } = await openSearch('');
    const res = await page.evaluate(async () => {
      const a = await window.trang.search('14/2015/QĐ-UBND');
      const b = await window.trang.search('14/2015');
      const c = await window.trang.search('quyết định', { filters: { 'hinh-thuc': 'Quyết định', year: '2019' } });
      const d = await window.trang.search('quyết định', { filters: { section: '/van-ban/' } });
      const e = await window.trang.search('dat dai', { filters: { 'linh-vuc': ['Đất đai', 'Thủy lợi'] } });
      return { a: a.map((x) => x.url), b: b.map((x) => x.url), c: c.map((x) => x.url), d: d.map((x) => x.url), e: e.map((x) => x.url), filters: await window.trang.filters() };
    });
    assert.equal(res.a[0], '/van-ban/qd-14-2015/');
    assert.equal(res.a.length, 10, 'the 12 citing pages follow (first 10 shown)');
    assert.equal(res.b[0], '/van-ban/qd-14-2015/');
    assert.deepEqual(res.c, ['/van-ban/qd-22-2019/']);
    assert.deepEqual(res.d.sort(), ['/van-ban/qd-14-2015/', '/van-ban/qd-22-2019/']);
    assert.deepEqual(res.e, ['/van-ban/tt-05-2023/']);
    const names = res.filters.map((f) => f.name);
    assert.deepEqual(names, ['section', 'kind', 'year', 'hinh-thuc', 'co-quan', 'linh-vuc']);
    await page.close();
  });

  await t.test('the search page works as a link target and announces results', async () => {
    const { page, problems } = await openSearch('hoà bình');
    const status = await page.locator('#ket-qua-trang-thai');
    assert.equal(await status.getAttribute('role'), 'status');
    assert.match(await status.textContent(), /^Tìm thấy \d+ kết quả cho “hoà bình”\.$/);
    const items = page.locator('#ket-qua > li');
    assert.ok(await items.count() >= 3);
    assert.match(await items.first().locator('p').last().innerHTML(), /<mark>/);
    assert.equal(await page.inputValue('#tu-khoa'), 'hoà bình');
    assert.deepEqual(problems, []);
    await page.close();
  });

  await t.test('keyboard: type, Enter, results; approximate results are marked', async () => {
    const { page, problems } = await openSearch('');
    await page.focus('#tu-khoa');
    await page.keyboard.type('đa');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /gần đúng/.test(document.getElementById('ket-qua-trang-thai').textContent));
    assert.match(new URL(page.url()).search, /q=%C4%91a/);
    assert.match(await page.locator('#ket-qua > li').first().textContent(), /gần đúng/);
    await page.fill('#tu-khoa', 'xyzzy ninh');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /xyzzy/.test(document.getElementById('ket-qua-trang-thai').textContent));
    assert.match(await page.locator('#ket-qua-trang-thai').textContent(), /Không trang nào chứa: xyzzy\./);
    assert.equal(await page.locator('#ket-qua > li').count(), 0);
    // Tab from the input reaches the button, then the filters.
    await page.focus('#tu-khoa');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.type), 'submit');
    assert.deepEqual(problems, []);
    await page.close();
  });

  await t.test('the header form leads to the search page', async () => {
    const page = await context.newPage();
    await page.goto(site.url + '/');
    await page.fill('#o-tim-kiem', 'thuy loi');
    await page.press('#o-tim-kiem', 'Enter');
    await page.waitForURL(/\/tim-kiem\/\?q=thuy\+loi/);
    await page.waitForFunction(() => /Tìm thấy/.test(document.getElementById('ket-qua-trang-thai').textContent));
    await page.close();
  });

  await t.test('engine = "elasticlunr": the same rules through search_index.vi.js', { skip: !process.env.TRANG_SEARCH_SITE_LUNR && 'TRANG_SEARCH_SITE_LUNR is not set' }, async () => {
    const lunrSite = await serve(process.env.TRANG_SEARCH_SITE_LUNR, { csp: true });
    try {
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(String(e)));
      page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(m.text()); });
      page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`); });
      await page.goto(lunrSite.url + '/tim-kiem/?q=' + encodeURIComponent('hoà bình'));
      await page.waitForFunction(() => /Tìm thấy/.test(document.getElementById('ket-qua-trang-thai').textContent));
      const rows = vectors().map(([id, , query, , expected]) => ({ id, query, expected }));
      const wrong = await page.evaluate(async (rows) => {
        const out = [];
        for (const r of rows) {
          const res = await window.trang.search(r.query, { limit: 100, fallback: 'never' });
          const hit = res.some((x) => x.url.endsWith(`/v/${r.id.toLowerCase()}/`));
          if (hit !== (r.expected === 'match')) out.push(`${r.id}: ${r.query}`);
        }
        return out;
      }, rows);
      assert.deepEqual(wrong, []);
      assert.deepEqual(problems, []);
      await page.close();
    } finally {
      lunrSite.server.close();
    }
  });

  await t.test('axe finds no violation on the search page with results', async () => {
    const page = await context.newPage();
    await page.goto(site.url + '/tim-kiem/?q=' + encodeURIComponent('ủy ban'));
    await page.waitForFunction(() => /Tìm thấy/.test(document.getElementById('ket-qua-trang-thai').textContent));
    const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    // The page's CSP forbids inline scripts; evaluate axe through the DevTools protocol.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Runtime.evaluate', { expression: source });
    const result = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }));
    const v = result.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(v, []);
    await page.close();
  });
});
