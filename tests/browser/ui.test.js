// Browser tests of the default theme's enhancements (themes/default/static/trang-ui.js) and
// its narrow-screen menu, on the department starter built by run.sh (TRANG_STARTER_SITE)
// and on a copy of it with one item a page (TRANG_STARTER_PAGED), served with a strict
// Content-Security-Policy to headless Debian chromium, as a visitor uses them: choosing in
// the filter's lists, typing, pressing keys. Every feature is also checked with
// JavaScript off, where the content must still be there. Under CI=true a missing browser
// fails instead of skipping.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { serve } = require('./server');

const SITE = process.env.TRANG_STARTER_SITE;
const PAGED = process.env.TRANG_STARTER_PAGED;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const haveBrowser = fs.existsSync(CHROMIUM);
const CI = process.env.CI === 'true';
const skip = !SITE || !PAGED ? 'TRANG_STARTER_SITE or TRANG_STARTER_PAGED is not set (run tests/browser/run.sh)'
  : !haveBrowser && !CI ? `no browser at ${CHROMIUM}` : false;

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

let browser, site, paged;

/** A new page in a fresh context; `problems` collects script errors, CSP reports and failed requests. */
async function open(base, url, { js = true, viewport = DESKTOP } = {}) {
  const context = await browser.newContext({ viewport, javaScriptEnabled: js });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`); });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(base.url + url);
  page.problems = problems;
  page.done = async () => { await context.close(); };
  return page;
}

/** The visible rows of the document table: their numbers (first cell's link). */
async function visibleDocs(page) {
  return page.$$eval('table.doc-table tbody tr', (rows) => rows
    .filter((r) => !r.hidden && r.getClientRects().length > 0)
    .map((r) => r.querySelector('td a').textContent.trim()));
}

async function statusText(page, selector, pattern) {
  await page.waitForFunction(([s, p]) => new RegExp(p).test(document.querySelector(s).textContent), [selector, pattern.source]);
  return (await page.textContent(selector)).trim();
}

async function optionLabels(page, selector) {
  return page.$$eval(`${selector} option`, (os) => os.map((o) => o.textContent));
}

/** The accessibility node of the menu button, as Chromium exposes it to screen readers. */
async function menuButton(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const node = nodes.find((n) => n.role && n.role.value === 'DisclosureTriangle');
  if (!node) return null;
  const prop = (k) => (node.properties || []).find((p) => p.name === k);
  return { name: node.name && node.name.value, expanded: prop('expanded') && prop('expanded').value.value, focusable: !!prop('focusable') };
}

async function axe(page) {
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Runtime.evaluate', { expression: source });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  return result.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const ALL_DOCS = ['245/STTTT-VP', '112/KH-STTTT', '22/2023/TT-BTTTT', '14/2015/QĐ-UBND'];

test('default theme in a browser', { skip }, async (t) => {
  assert.ok(haveBrowser, `CI=true and there is no browser at ${CHROMIUM}: install Debian's chromium`);
  const { chromium } = require('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  site = await serve(SITE, { csp: true });
  paged = await serve(PAGED, { csp: true });
  t.after(async () => {
    await browser.close();
    site.server.close();
    paged.server.close();
  });

  await t.test('document filter: form, issuer, year, field and text narrow the table and are announced', async () => {
    const page = await open(site, '/van-ban/');
    assert.ok(await page.isVisible('form.doc-filter'), 'the script shows the filter');
    assert.deepEqual(await visibleDocs(page), ALL_DOCS);
    // The lists offer the values of the table, sorted (years newest first).
    assert.deepEqual(await optionLabels(page, '#loc-hinh-thuc'), ['Tất cả', 'Công văn', 'Kế hoạch', 'Quyết định', 'Thông tư']);
    assert.deepEqual(await optionLabels(page, '#loc-nam-vb'), ['Tất cả', '2025', '2023', '2015']);
    assert.deepEqual(await optionLabels(page, '#loc-co-quan'), ['Tất cả', 'Bộ Thông tin và Truyền thông', 'Sở Thông tin và Truyền thông', 'Ủy ban nhân dân tỉnh Ninh Bình']);
    const status = page.locator('.filter-status');
    assert.equal(await status.getAttribute('role'), 'status');
    assert.equal(await status.getAttribute('aria-live'), 'polite');

    await page.selectOption('#loc-hinh-thuc', { label: 'Quyết định' });
    assert.deepEqual(await visibleDocs(page), ['14/2015/QĐ-UBND']);
    assert.equal(await statusText(page, '.filter-status', /1/), 'Có 1 văn bản.');
    await page.selectOption('#loc-nam-vb', '2025');
    assert.deepEqual(await visibleDocs(page), []);
    assert.equal(await statusText(page, '.filter-status', /Không/), 'Không có văn bản nào phù hợp.');

    // "Xóa bộ lọc" empties every field and shows every row again.
    await page.click('button[type=reset]');
    await page.waitForFunction(() => document.querySelectorAll('table.doc-table tbody tr:not([hidden])').length === 4);
    assert.equal(await page.inputValue('#loc-hinh-thuc'), '');
    assert.equal(await statusText(page, '.filter-status', /4/), 'Có 4 văn bản.');

    await page.selectOption('#loc-co-quan', 'Sở Thông tin và Truyền thông');
    assert.deepEqual(await visibleDocs(page), ['245/STTTT-VP', '112/KH-STTTT']);
    await page.selectOption('#loc-co-quan', '');
    await page.selectOption('#loc-linh-vuc', 'Báo chí');
    assert.deepEqual(await visibleDocs(page), ['22/2023/TT-BTTTT']);
    await page.selectOption('#loc-linh-vuc', '');

    // Text: typed without accents, it still finds "an toàn thông tin"; a number works too.
    await page.focus('#loc-van-ban-chu');
    await page.keyboard.type('an toan thong tin');
    assert.deepEqual(await visibleDocs(page), ['245/STTTT-VP']);
    assert.equal(await statusText(page, '.filter-status', /1/), 'Có 1 văn bản.');
    await page.fill('#loc-van-ban-chu', '');
    await page.keyboard.type('14/2015');
    assert.deepEqual(await visibleDocs(page), ['14/2015/QĐ-UBND']);
    // Enter does not leave the page.
    await page.keyboard.press('Enter');
    assert.match(page.url(), /\/van-ban\/$/);
    assert.deepEqual(await visibleDocs(page), ['14/2015/QĐ-UBND']);
    assert.deepEqual(page.problems, []);
    assert.deepEqual(await axe(page), []);
    await page.done();
  });

  await t.test('document filter searches every page of a paginated list', async () => {
    const page = await open(paged, '/van-ban/');
    assert.deepEqual(await visibleDocs(page), ['245/STTTT-VP'], 'one document a page');
    assert.ok(await page.isVisible('nav.pagination'));
    // Using the form loads the other pages: their values join the lists.
    await page.focus('#loc-van-ban-chu');
    await page.waitForFunction(() => document.querySelectorAll('#loc-nam-vb option').length === 4);
    await page.selectOption('#loc-nam-vb', '2015');
    assert.deepEqual(await visibleDocs(page), ['14/2015/QĐ-UBND']);
    assert.equal(await statusText(page, '.filter-status', /1/), 'Có 1 văn bản.');
    assert.ok(!(await page.isVisible('nav.pagination')), 'no pages while filtering');
    // The row came from another page: its link still leads to the document.
    await page.click('table.doc-table tbody tr:not([hidden]) a');
    await page.waitForURL(/\/van-ban\/qd-14-2015\/$/);
    assert.match(await page.textContent('h1'), /14\/2015\/QĐ-UBND/);
    await page.goBack();
    await page.waitForSelector('form.doc-filter:not([hidden])');
    await page.selectOption('#loc-nam-vb', '');
    await page.fill('#loc-van-ban-chu', '');
    await page.waitForFunction(() => document.querySelectorAll('table.doc-table tbody tr:not([hidden])').length === 1);
    assert.deepEqual(await visibleDocs(page), ['245/STTTT-VP']);
    assert.ok(await page.isVisible('nav.pagination'));
    assert.deepEqual(page.problems, []);
    await page.done();
  });

  await t.test('without JavaScript the documents are all there, the filter is not', async () => {
    const page = await open(site, '/van-ban/', { js: false });
    assert.ok(!(await page.isVisible('form.doc-filter')));
    assert.deepEqual(await visibleDocs(page), ALL_DOCS);
    await page.click('text=14/2015/QĐ-UBND');
    await page.waitForURL(/\/van-ban\/qd-14-2015\/$/);
    assert.match(await page.textContent('main'), /Ủy ban nhân dân tỉnh Ninh Bình/);
    await page.done();
  });

  await t.test('Q&A lookup: a known code opens its question, an unknown one says so', async () => {
    const page = await open(site, '/hoi-dap/');
    assert.ok(await page.isVisible('form.qa-lookup'));
    const status = page.locator('.lookup-status');
    assert.equal(await status.getAttribute('role'), 'status');
    // Nothing typed.
    await page.click('form.qa-lookup button[type=submit]');
    assert.equal(await statusText(page, '.lookup-status', /Nhập/), 'Nhập mã theo dõi để tra cứu.');
    // Unknown code: a message, the page stays.
    await page.fill('#ma-theo-doi', 'HD-9999');
    await page.press('#ma-theo-doi', 'Enter');
    assert.equal(await statusText(page, '.lookup-status', /Không/), 'Không tìm thấy câu hỏi có mã HD-9999.');
    assert.match(page.url(), /\/hoi-dap\/$/);
    // Known code, typed loosely (case, space instead of dash): its question page opens.
    await page.fill('#ma-theo-doi', '');
    await page.focus('#ma-theo-doi');
    await page.keyboard.type('hd 0042');
    await Promise.all([page.waitForURL(/\/hoi-dap\/hd-0042\/$/), page.keyboard.press('Enter')]);
    assert.match(await page.textContent('main'), /HD-0042/);
    assert.match(await page.textContent('h1'), /Hồ sơ cấp giấy phép xuất bản bản tin/);
    assert.deepEqual(page.problems, []);
    await page.done();
  });

  await t.test('Q&A lookup finds a code on another page, and from a ?ma= link', async () => {
    const page = await open(paged, '/hoi-dap/');
    const codes = await page.$$eval('tr[data-code]', (rs) => rs.map((r) => r.getAttribute('data-code')));
    assert.deepEqual(codes, ['HD-0051'], 'HD-0042 is on page 2');
    await page.fill('#ma-theo-doi', 'HD-0042');
    await Promise.all([page.waitForURL(/\/hoi-dap\/hd-0042\/$/), page.press('#ma-theo-doi', 'Enter')]);
    await page.goto(paged.url + '/hoi-dap/?ma=hd-0051');
    await page.waitForURL(/\/hoi-dap\/hd-0051\/$/);
    await page.goto(paged.url + '/hoi-dap/?ma=XX-1');
    assert.equal(await statusText(page, '.lookup-status', /Không/), 'Không tìm thấy câu hỏi có mã XX-1.');
    assert.deepEqual(page.problems, []);
    await page.done();
  });

  await t.test('without JavaScript every question and its code are listed with links', async () => {
    const page = await open(site, '/hoi-dap/', { js: false });
    assert.ok(!(await page.isVisible('form.qa-lookup')));
    const rows = await page.$$eval('tr[data-code]', (rs) => rs.map((r) => [r.getAttribute('data-code'), r.querySelector('a').getAttribute('href')]));
    assert.deepEqual(rows.sort(), [['HD-0042', '/hoi-dap/hd-0042/'], ['HD-0051', '/hoi-dap/hd-0051/']]);
    assert.ok(await page.isVisible('table.qa-table code >> text=HD-0042'));
    await page.done();
  });

  for (const js of [true, false]) {
    const how = js ? 'with JavaScript' : 'without JavaScript';
    await t.test(`phone, ${how}: the menu is one button, opened by keyboard and by touch`, async () => {
      const page = await open(site, '/', { js, viewport: PHONE });
      const links = page.locator('nav.main-menu li a');
      assert.equal(await links.count(), 13);
      const summary = page.locator('nav.main-menu summary');
      assert.ok(await summary.isVisible());
      assert.equal(await links.first().isVisible(), false, 'collapsed');
      assert.deepEqual(await menuButton(page), { name: 'Danh mục', expanded: false, focusable: true });
      // The menu no longer fills the first screen: the content starts in its upper half.
      const top = await page.$eval('main', (m) => m.getBoundingClientRect().top);
      assert.ok(top < PHONE.height / 3, `main starts at ${top}px`);
      const headerHeight = await page.$eval('header', (h) => h.getBoundingClientRect().height);
      assert.ok(headerHeight < 220, `header is ${headerHeight}px high`);

      // Keyboard: Tab reaches the button, which shows where focus is; Enter opens it.
      await page.keyboard.press('Tab'); // skip link
      let guard = 0;
      while (!(await page.evaluate(() => document.activeElement.tagName === 'SUMMARY')) && guard++ < 10) await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY');
      assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), 'solid', 'visible focus');
      await page.keyboard.press('Enter');
      for (let i = 0; i < 13; i++) assert.ok(await links.nth(i).isVisible(), `item ${i} shown`);
      assert.equal((await menuButton(page)).expanded, true);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Trang chủ');
      if (js) {
        // Escape closes it and puts focus back on the button.
        await page.keyboard.press('Escape');
        assert.equal(await links.first().isVisible(), false);
        assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY');
      } else {
        await summary.focus();
        await page.keyboard.press('Space');
        assert.equal(await links.first().isVisible(), false);
      }
      // Touch or click: open, follow a link.
      await summary.click();
      assert.ok(await links.nth(5).isVisible());
      await Promise.all([page.waitForURL(/\/van-ban\/$/), links.nth(5).click()]);
      assert.equal(await page.locator('nav.main-menu li a').first().isVisible(), false, 'collapsed on the next page');
      assert.deepEqual(page.problems, []);
      if (js) {
        await page.locator('nav.main-menu summary').click();
        assert.deepEqual(await axe(page), []);
      }
      await page.done();
    });

    await t.test(`desktop, ${how}: every menu item is visible, no menu button`, async () => {
      const page = await open(site, '/van-ban/', { js, viewport: DESKTOP });
      const links = page.locator('nav.main-menu li a');
      assert.equal(await links.count(), 13);
      for (let i = 0; i < 13; i++) assert.ok(await links.nth(i).isVisible(), `item ${i} visible`);
      assert.equal(await page.locator('nav.main-menu summary').isVisible(), false);
      // In one or two rows under the title, all in the first screen.
      const bottom = await links.last().evaluate((a) => a.getBoundingClientRect().bottom);
      assert.ok(bottom < 200, `last item ends at ${bottom}px`);
      assert.equal(await page.getAttribute('nav.main-menu a[aria-current=page]', 'href'), '/van-ban/');
      // Tab from the search reaches the menu items directly.
      await page.focus('#o-tim-kiem');
      let guard = 0;
      while (!(await page.evaluate(() => document.activeElement.closest('nav.main-menu') !== null)) && guard++ < 5) await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Trang chủ');
      assert.deepEqual(page.problems, []);
      await page.done();
    });
  }

  await t.test('a window made narrow collapses the menu, made wide again shows it', async () => {
    const page = await open(site, '/', { viewport: DESKTOP });
    const first = page.locator('nav.main-menu li a').first();
    assert.ok(await first.isVisible());
    await page.setViewportSize(PHONE);
    await page.waitForFunction(() => !document.querySelector('details.menu-toggle').open);
    assert.equal(await first.isVisible(), false);
    await page.setViewportSize(DESKTOP);
    await page.waitForFunction(() => document.querySelector('details.menu-toggle').open);
    assert.ok(await first.isVisible());
    await page.done();
  });
});
