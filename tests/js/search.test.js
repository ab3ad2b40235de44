// The Vietnamese search rules of themes/default/static/search.js, against the same vectors
// as the Rust side (tests/data/vi/search_folding.tsv), and the client reading a real index
// when one is built (TRANG_SEARCH_SITE=DIR, a built site's output folder; set by
// tests/browser/run.sh).
//
//   node --test tests/js/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const trang = require(path.join(ROOT, 'themes/default/static/search.js'));

function vectors() {
  const text = fs.readFileSync(path.join(ROOT, 'tests/data/vi/search_folding.tsv'), 'utf8');
  return text.split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
}

test('every vector row is judged right, strict and folded', () => {
  const rows = vectors();
  assert.equal(rows.length, 64);
  for (const [id, , query, text, expected, folded] of rows) {
    assert.equal(trang.phraseMatches(query, text, true), expected === 'match', `${id} strict: ${query} in ${text}`);
    assert.equal(trang.phraseMatches(query, text, false), folded === 'match', `${id} folded: ${query} in ${text}`);
  }
});

test('fold, syllable keys and tokens agree with the Rust unit tests', () => {
  assert.equal(trang.fold('Ủy ban nhân dân'), 'uy ban nhan dan');
  assert.equal(trang.fold('ĐƯỜNG DÂY NÓNG'), 'duong day nong');
  assert.equal(trang.fold('Ðà Nẵng'), 'da nang');
  const keys = [['hòa', 'hoa1'], ['hoà', 'hoa1'], ['HOÀ', 'hoa1'], ['ho\u0300a', 'hoa1'], ['thông', 'thông0'],
    ['thống', 'thông4'], ['qúy', 'quy4'], ['quý', 'quy4'], ['Ủy', 'uy2'], ['lợi', 'lơi5'], ['Đà', 'đa1'], ['Ðà', 'đa1']];
  for (const [input, want] of keys) assert.equal(trang.syllableKey(input), want, input);
  assert.deepEqual(trang.tokens('14/2015/QĐ-UBND'), ['14', '2015', 'qđ', 'ubnd']);
  assert.deepEqual(trang.tokens('  Ninh Bình, ngày 08/6 '), ['ninh', 'bình', 'ngày', '08', '6']);
  assert.deepEqual(trang.tokens('Ni\u0300nh'), ['nình']);
  assert.ok(trang.hasDiacritic('đa') && trang.hasDiacritic('thông'));
  assert.ok(!trang.hasDiacritic('binh') && !trang.hasDiacritic('2015'));
});

test('queries: strict only with diacritics; quotes and document numbers group', () => {
  const q = trang.parseQuery('ủy ban nhan dan');
  assert.deepEqual(q.groups.map((g) => g.map((w) => w.strict)), [['uy2'], [null], [null], [null]]);
  assert.deepEqual(trang.parseQuery('"hòa bình" thủy lợi').groups.map((g) => g.length), [2, 1, 1]);
  const n = trang.parseQuery('14/2015/QĐ-UBND');
  assert.ok(n.documentNumber);
  assert.equal(n.groups.length, 1);
  assert.ok(trang.parseQuery('quyết định 14/2015').documentNumber);
});

test('excerpts mark matched words and escape the text', () => {
  const words = trang.parseQuery('hoà bình').groups.flat();
  const html = trang.excerpt('Dự án <thủy lợi> Hòa Bình & đường Hoa', words, true);
  assert.equal(html, 'Dự án &lt;thủy lợi&gt; <mark>Hòa</mark> <mark>Bình</mark> &amp; đường Hoa');
  assert.ok(trang.excerpt('hoa binh', words, false).includes('<mark>hoa</mark>'));
});

const SITE = process.env.TRANG_SEARCH_SITE;
test('the client reads a built index: every vector row', { skip: !SITE && 'TRANG_SEARCH_SITE is not set' }, async () => {
  trang.configure({
    index: '/search/',
    fetch: async (url) => {
      const file = path.join(SITE, decodeURIComponent(url.split('?')[0]));
      try {
        const bytes = fs.readFileSync(file);
        return { ok: true, status: 200, json: async () => JSON.parse(bytes.toString('utf8')), arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) };
      } catch {
        return { ok: false, status: 404 };
      }
    },
  });
  let must = 0;
  const wrong = [];
  for (const [id, , query, , expected, folded] of vectors()) {
    const url = `/v/${id.toLowerCase()}/`;
    const results = await trang.search(query, { limit: 1000 });
    const strictHit = results.some((r) => r.url === url && !r.approximate);
    if (expected === 'match') {
      must++;
      if (!strictHit) wrong.push(`${id}: ${query} misses its page`);
    } else if (strictHit) {
      wrong.push(`${id}: ${query} ranks its page in the strict results`);
    }
    if (expected === 'no_match' && folded === 'match' && results.approximate) {
      if (!results.some((r) => r.url === url)) wrong.push(`${id}: folded fallback misses its page`);
    }
  }
  assert.equal(must, 47);
  assert.deepEqual(wrong, []);
});
