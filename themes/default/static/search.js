/* trang search client: Vietnamese site search over the sharded index of `trang build`.
 *
 * No third-party code, no eval, no inline script: it runs under
 * `Content-Security-Policy: script-src 'self'`. The matching rules mirror
 * src/search/analyze.rs (tests/data/vi/README.md); keep the two in step.
 *
 * API for theme authors (docs/en/search.md):
 *   trang.search(query, {limit, offset, filters, fallback}) → Promise<results>
 *     results: [{url, title, section, date, kind, excerpt, approximate, score}] in rank
 *     order; `excerpt` is HTML with the matched words in <mark>. The array also carries
 *     `total` (all matches), `approximate` (no exact match: folded results) and `missing`
 *     (query words found nowhere on the site).
 *     filters: {section: "/van-ban/", kind: "page", year: "2015", <facet>: value or [values]}
 *     fallback: "auto" (folded results only when nothing matches exactly; default),
 *               "always" (exact results, then folded ones marked approximate), "never".
 *   trang.filters() → Promise<[{name, values: [[value, label, count]]}]>
 *   trang.configure({index, fetch, engine}) — where the index is (default: the script's
 *     data-trang-index and data-trang-engine attributes).
 */
(function (root) {
  'use strict';

  // ---- Vietnamese text: the same rules as src/vi/text.rs and src/search/analyze.rs ----

  var WORD = /[\p{Alphabetic}\p{N}\p{M}_\u203F\u2040]+/gu;
  var MARK = /\p{M}/gu;
  var CONFUSABLE_D = /[\u00D0\u0110\u0189]/g;
  var CONFUSABLE_d = /[\u00F0\u0111]/g;
  var TONES = { '\u0300': 1, '\u0309': 2, '\u0303': 3, '\u0301': 4, '\u0323': 5, '\u0340': 1, '\u0341': 4 };
  var DIACRITIC = /(?![\x00-\x7F])[\p{Alphabetic}\p{M}]/u;

  function unconfuse(s) {
    return s.replace(CONFUSABLE_D, '\u0110').replace(CONFUSABLE_d, '\u0111');
  }

  /** NFC, Ð/ð → Đ/đ, Unicode lower case. */
  function lower(s) {
    return unconfuse(s.normalize('NFC')).toLowerCase();
  }

  /** Search tokens: Unicode word runs, NFC, lower case. "14/2015/QĐ-UBND" → 14 2015 qđ ubnd */
  function tokens(s) {
    return (s.normalize('NFC').match(WORD) || []).map(lower);
  }

  /** Diacritics dropped, đ → d, lower case: "Ủy ban ĐƯỜNG" → "uy ban duong". */
  function fold(s) {
    return unconfuse(s.normalize('NFD').replace(MARK, '')).replace(/[\u0110\u0111]/g, 'd').toLowerCase();
  }

  /** Any Vietnamese diacritic (a tone mark, ă â ê ô ơ ư, or đ). */
  function hasDiacritic(token) {
    return DIACRITIC.test(token);
  }

  /** Letters without the tone mark, then the tone number: hòa, hoà, HOÀ → "hoa1". */
  function syllableKey(token) {
    var tone = 0;
    var base = '';
    var nfd = token.normalize('NFD');
    for (var i = 0; i < nfd.length; i++) {
      var c = nfd[i];
      if (TONES[c]) tone = TONES[c];
      else base += c;
    }
    return unconfuse(base.normalize('NFC')).toLowerCase() + tone;
  }

  function queryWord(token) {
    var text = lower(token);
    return { text: text, folded: fold(text), strict: hasDiacritic(text) ? syllableKey(text) : null };
  }

  /** Whether an indexed variant matches a query word in the strict or the folded pass. */
  function accepts(word, variant, strict) {
    return !(strict && word.strict !== null && word.strict !== variant);
  }

  function isDocumentNumber(chunk) {
    return /^[0-9]+\/[\p{Alphabetic}\p{N}]/u.test(chunk);
  }

  /** Groups of consecutive words: quoted phrases and document numbers are one group each. */
  function parseQuery(input) {
    var parts = String(input).normalize('NFC').split('"');
    var groups = [];
    var documentNumber = false;
    parts.forEach(function (part, i) {
      if (i % 2 === 1) {
        var words = tokens(part).map(queryWord);
        if (words.length) groups.push(words);
        return;
      }
      part.split(/\s+/).forEach(function (chunk) {
        if (!chunk) return;
        var ws = tokens(chunk).map(queryWord);
        if (isDocumentNumber(chunk) && ws.length > 1) {
          documentNumber = true;
          groups.push(ws);
        } else {
          ws.forEach(function (w) { groups.push([w]); });
        }
      });
    });
    return { groups: groups, documentNumber: documentNumber };
  }

  /** The reference rule of the vector file: query tokens as a phrase in the text. */
  function phraseMatches(query, text, strict) {
    var q = tokens(query).map(queryWord);
    var t = tokens(text);
    if (!q.length) return false;
    for (var i = 0; i + q.length <= t.length; i++) {
      var ok = true;
      for (var j = 0; j < q.length && ok; j++) {
        ok = fold(t[i + j]) === q[j].folded && accepts(q[j], syllableKey(t[i + j]), strict);
      }
      if (ok) return true;
    }
    return false;
  }

  // ---- The index: meta.json, shards, facets, fragments (src/search/index.rs) ----

  /** The index format this client reads (`FORMAT` in src/search/index.rs). */
  var FORMAT = 2;
  var decoder = new TextDecoder();
  var encoder = new TextEncoder();

  function Reader(bytes) { this.b = bytes; this.p = 0; }
  Reader.prototype.varint = function () {
    var v = 0, mul = 1, b;
    do {
      if (this.p >= this.b.length) throw new Error('truncated index file');
      b = this.b[this.p++];
      v += (b & 0x7f) * mul;
      mul *= 128;
    } while (b >= 0x80);
    return v;
  };
  Reader.prototype.bytes = function (n) {
    var s = this.b.subarray(this.p, this.p + n);
    this.p += n;
    return s;
  };
  Reader.prototype.str = function () { return decoder.decode(this.bytes(this.varint())); };

  /** Document ids of a block: varint gaps (mode 0) or a bitmap (mode 1). */
  function decodeIds(r, mode, df, ndocs) {
    var docs = new Uint32Array(df);
    var n = 0;
    if (mode === 1) {
      var bitmap = r.bytes((ndocs + 7) >> 3);
      for (var i = 0; i < bitmap.length; i++) {
        var b = bitmap[i];
        for (var bit = 0; b; bit++, b >>= 1) if (b & 1) docs[n++] = i * 8 + bit;
      }
    } else {
      var d = 0;
      for (var k = 0; k < df; k++) {
        var gap = r.varint();
        d = k === 0 ? gap : d + gap + 1;
        docs[n++] = d;
      }
    }
    return docs;
  }

  function decodePostings(block, mode, df, ndocs) {
    var r = new Reader(block);
    var docs = decodeIds(r, mode, df, ndocs);
    var nib = r.bytes((df + 1) >> 1);
    var w = new Uint8Array(df);
    for (var i = 0; i < df; i++) w[i] = (nib[i >> 1] >> ((i & 1) * 4)) & 15;
    return { docs: docs, w: w };
  }

  /** Compares strings by code point, the order of the shard table (Rust's). */
  function cmp(a, b) {
    if (a === b) return 0;
    var ia = a[Symbol.iterator](), ib = b[Symbol.iterator]();
    for (;;) {
      var x = ia.next(), y = ib.next();
      if (x.done) return y.done ? 0 : -1;
      if (y.done) return 1;
      var cx = x.value.codePointAt(0), cy = y.value.codePointAt(0);
      if (cx !== cy) return cx < cy ? -1 : 1;
    }
  }

  var config = { index: null, fetch: null };
  var state = null; // {meta, shards: Map, keys: Map, facets}

  function scriptAttr(name) {
    var s = typeof document !== 'undefined' && document.querySelector('script[data-trang-index]');
    return s ? s.getAttribute(name) : null;
  }

  function engine() {
    return config.engine || scriptAttr('data-trang-engine') || 'trang';
  }

  function base() {
    if (config.index) return config.index.replace(/\/?$/, '/');
    var s = scriptAttr('data-trang-index');
    return s ? s.replace(/\/?$/, '/') : '/search/';
  }

  function get(path, type) {
    var f = config.fetch || root.fetch.bind(root);
    return f(base() + path).then(function (res) {
      if (!res.ok) throw new Error('search index: ' + path + ': HTTP ' + res.status);
      return type === 'json' ? res.json() : res.arrayBuffer().then(function (b) { return new Uint8Array(b); });
    });
  }

  function load() {
    if (!state) {
      state = get('meta.json', 'json').then(function (meta) {
        if (meta.format !== FORMAT) throw new Error('search index: unknown format ' + meta.format);
        var raw = atob(meta.norms);
        var norms = new Uint8Array(raw.length);
        for (var i = 0; i < raw.length; i++) norms[i] = raw.charCodeAt(i);
        var keys = meta.shard_hashes ? meta.shard_keys.split('\n') : [];
        meta.shards = keys.map(function (k, n) { return [k, 's/' + n + '.' + meta.shard_hashes.substr(n * 8, 8) + '.bin']; });
        return { meta: meta, norms: norms, shards: new Map(), keys: new Map(), facets: null };
      });
      state.catch(function () { state = null; });
    }
    return state;
  }

  function shardFor(meta, key) {
    var s = meta.shards, lo = 0, hi = s.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (cmp(s[mid][0], key) <= 0) lo = mid + 1; else hi = mid;
    }
    return lo > 0 ? s[lo - 1][1] : null;
  }

  function sameBytes(a, alen, b) {
    if (alen !== b.length) return false;
    for (var i = 0; i < alen; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /** The terms under a key in a shard: [{variant, docs, w}]. */
  function findKey(bytes, key, ndocs) {
    var want = encoder.encode(key);
    var r = new Reader(bytes);
    if (r.bytes(1)[0] !== FORMAT) throw new Error('search index: unknown shard format');
    var nkeys = r.varint();
    var cur = new Uint8Array(256), len = 0;
    for (var k = 0; k < nkeys; k++) {
      var shared = r.varint();
      var suffix = r.bytes(r.varint());
      len = shared + suffix.length;
      if (len > cur.length) { var bigger = new Uint8Array(len * 2); bigger.set(cur.subarray(0, shared)); cur = bigger; }
      cur.set(suffix, shared);
      var nterms = r.varint();
      var found = sameBytes(cur, len, want);
      var out = [];
      for (var t = 0; t < nterms; t++) {
        var variant = r.str();
        var df = r.varint();
        var lm = r.varint();
        var block = r.bytes(Math.floor(lm / 2));
        if (found) {
          var p = decodePostings(block, lm % 2, df, ndocs);
          out.push({ variant: variant, docs: p.docs, w: p.w });
        }
      }
      if (found) return out;
    }
    return [];
  }

  /** Fetches the shards of `keys` in parallel, then returns key → terms. */
  function lookup(st, keys) {
    var names = [];
    keys.forEach(function (key) {
      if (st.keys.has(key)) return;
      var name = shardFor(st.meta, key);
      if (name && !st.shards.has(name)) {
        var p = get(name, 'bin');
        p.catch(function () { st.shards.delete(name); });
        st.shards.set(name, p);
      }
      if (name) names.push([key, name]);
    });
    return Promise.all(names.map(function (kn) {
      return st.shards.get(kn[1]).then(function (bytes) {
        st.keys.set(kn[0], findKey(bytes, kn[0], st.meta.docs));
      });
    })).then(function () {
      var m = new Map();
      keys.forEach(function (k) { m.set(k, st.keys.get(k) || []); });
      return m;
    });
  }

  function loadFacets(st) {
    if (!st.facets) {
      st.facets = get(st.meta.facets, 'bin').then(function (bytes) {
        var r = new Reader(bytes);
        var out = {};
        var n = r.varint();
        for (var f = 0; f < n; f++) {
          var name = r.str();
          var values = {};
          var nv = r.varint();
          for (var v = 0; v < nv; v++) {
            var value = r.str();
            var df = r.varint();
            var lm = r.varint();
            values[value] = decodeIds(new Reader(r.bytes(Math.floor(lm / 2))), lm % 2, df, st.meta.docs);
          }
          out[name] = values;
        }
        return out;
      });
    }
    return st.facets;
  }

  /** A mask of the documents that pass `filters`, or null when there is no filter. */
  function filterMask(st, filters) {
    var names = Object.keys(filters || {}).filter(function (k) {
      var v = filters[k];
      return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length);
    });
    if (!names.length) return Promise.resolve(null);
    return loadFacets(st).then(function (facets) {
      var n = st.meta.docs;
      var mask = new Uint8Array(n).fill(1);
      names.forEach(function (name) {
        var wanted = [].concat(filters[name]).map(String);
        var values = facets[name] || {};
        var allow = new Uint8Array(n);
        wanted.forEach(function (w) {
          var ids = values[w];
          if (!ids && name === 'section') {
            // Accept a section's title as well as its path.
            var meta = (st.meta.filters || []).filter(function (f) { return f.name === 'section'; })[0];
            (meta ? meta.values : []).forEach(function (v) { if (v[1] === w) ids = values[v[0]]; });
          }
          if (ids) for (var i = 0; i < ids.length; i++) allow[ids[i]] = 1;
        });
        for (var d = 0; d < n; d++) mask[d] &= allow[d];
      });
      return mask;
    });
  }

  // ---- Ranking: the same as src/search/reader.rs ----

  var K1 = 1.2, B = 0.75;

  function Scorer(st) {
    var n = st.meta.docs;
    this.n = n;
    this.avg = Math.max(1, st.meta.avg_len || 1);
    this.norms = st.norms;
    this.scores = new Float64Array(n);
    this.hits = new Uint16Array(n);
    this.tf = new Uint8Array(n);
    this.title = new Uint8Array(n);
    this.required = 0;
  }
  Scorer.prototype.len = function (d) { return Math.pow(2, this.norms[d] / 8) - 1; };
  Scorer.prototype.idf = function (df) { return Math.log(1 + (this.n - df + 0.5) / (df + 0.5)); };
  Scorer.prototype.bm25 = function (tf, d) {
    return tf * (K1 + 1) / (tf + K1 * (1 - B + B * this.len(d) / this.avg));
  };
  /** Adds one condition (the union of `terms`); `required` counts it for the AND. */
  Scorer.prototype.add = function (terms, required, weight, titleBonus, onDoc) {
    var touched = [];
    var tf = this.tf, title = this.title;
    terms.forEach(function (t) {
      for (var i = 0; i < t.docs.length; i++) {
        var d = t.docs[i];
        if (tf[d] === 0) touched.push(d);
        tf[d] = Math.min(7, tf[d] + (t.w[i] & 7));
        title[d] |= t.w[i] >> 3;
      }
    });
    var idf = this.idf(touched.length);
    for (var k = 0; k < touched.length; k++) {
      var d = touched[k];
      this.scores[d] += weight * idf * (this.bm25(tf[d], d) + (title[d] ? titleBonus : 0));
      if (required) this.hits[d]++;
      if (onDoc) onDoc(d, title[d]);
      tf[d] = 0;
      title[d] = 0;
    }
    if (required) this.required++;
  };
  Scorer.prototype.ranked = function (mask) {
    var out = [];
    for (var d = 0; d < this.n; d++) {
      if (this.hits[d] === this.required && this.required > 0 && (!mask || mask[d])) out.push(d);
    }
    var s = this.scores;
    out.sort(function (a, b) { return s[b] - s[a] || a - b; });
    return out;
  };

  function pass(st, q, terms, strict, mask) {
    var sc = new Scorer(st);
    var words = [], groupOf = [];
    q.groups.forEach(function (g, gi) { g.forEach(function (w) { words.push(w); groupOf.push(gi); }); });
    words.forEach(function (w) {
      sc.add(terms.get(w.folded).filter(function (t) { return accepts(w, t.variant, strict); }), true, 1, 2);
    });
    for (var i = 1; i < words.length; i++) {
      var a = words[i - 1], b = words[i];
      var pairTerms = terms.get(a.folded + ' ' + b.folded).filter(function (t) {
        var sp = t.variant.indexOf(' ');
        return accepts(a, t.variant.slice(0, sp), strict) && accepts(b, t.variant.slice(sp + 1), strict);
      });
      var inGroup = groupOf[i - 1] === groupOf[i];
      var numberTitle = inGroup && q.documentNumber && groupOf[i] === 0;
      sc.add(pairTerms, inGroup, 1.5, 3, numberTitle ? function (d, title) { if (title) sc.scores[d] += 1000; } : null);
    }
    return { docs: sc.ranked(mask), scores: sc.scores };
  }

  function pairKeys(q) {
    var keys = [];
    var words = [];
    q.groups.forEach(function (g) { g.forEach(function (w) { words.push(w); }); });
    words.forEach(function (w) { keys.push(w.folded); });
    for (var i = 1; i < words.length; i++) keys.push(words[i - 1].folded + ' ' + words[i].folded);
    return { words: words, keys: keys };
  }

  // ---- Excerpts ----

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  var EXCERPT_WORDS = 30;

  // Word → [folded, syllable key]: a site has a few thousand distinct syllables, so
  // excerpts key each once.
  var keyCache = new Map();
  function keysOf(word) {
    var k = keyCache.get(word);
    if (!k) {
      var t = lower(word);
      k = [fold(t), syllableKey(t)];
      if (keyCache.size > 50000) keyCache.clear();
      keyCache.set(word, k);
    }
    return k;
  }

  /** HTML of the best ~30-word window of `text`, matched words in <mark>. */
  function excerpt(text, words, strict) {
    var re = new RegExp(WORD.source, 'gu');
    var toks = [], m;
    text = String(text || '');
    var folds = new Set(words.map(function (w) { return w.folded; }));
    while ((m = re.exec(text))) {
      var k = keysOf(m[0]);
      var hit = -1;
      if (folds.has(k[0])) {
        for (var i = 0; i < words.length; i++) {
          if (k[0] === words[i].folded && accepts(words[i], k[1], strict)) { hit = i; break; }
        }
      }
      toks.push({ start: m.index, end: m.index + m[0].length, hit: hit });
    }
    if (!toks.length) return '';
    var best = 0, bestScore = -1;
    for (var s = 0; s < toks.length; s++) {
      if (toks[s].hit < 0) continue;
      var seen = {}, score = 0;
      for (var k = s; k < Math.min(toks.length, s + EXCERPT_WORDS); k++) {
        if (toks[k].hit >= 0) { score += seen[toks[k].hit] ? 0.1 : 1; seen[toks[k].hit] = 1; }
      }
      if (score > bestScore) { bestScore = score; best = s; }
    }
    var from = Math.max(0, best - 6);
    var to = Math.min(toks.length, from + EXCERPT_WORDS) - 1;
    var html = from > 0 ? '… ' : '';
    var pos = toks[from].start;
    for (var j = from; j <= to; j++) {
      html += escapeHtml(text.slice(pos, toks[j].start));
      var w = escapeHtml(text.slice(toks[j].start, toks[j].end));
      html += toks[j].hit >= 0 ? '<mark>' + w + '</mark>' : w;
      pos = toks[j].end;
    }
    if (to < toks.length - 1) html += ' …';
    else html += escapeHtml(text.slice(pos));
    return html;
  }

  /** A document's fragment: files hold `fragment_bundle` consecutive documents. */
  function fragment(st, doc) {
    var per = st.meta.fragment_bundle || 1;
    var n = Math.floor(doc / per);
    if (!st.fragments) st.fragments = new Map();
    if (!st.fragments.has(n)) {
      var p = get('f/' + n + '.json?v=' + st.meta.version, 'json');
      p.catch(function () { st.fragments.delete(n); });
      if (st.fragments.size > 200) st.fragments.clear();
      st.fragments.set(n, p);
    }
    return st.fragments.get(n).then(function (bundle) { return bundle[doc % per]; });
  }

  // ---- engine = "elasticlunr": one search_index.<lang>.js (src/search/elasticlunr.rs) ----

  var lunr = null;

  function loadLunr() {
    if (!lunr) {
      lunr = new Promise(function (resolve, reject) {
        if (root.searchIndex) { resolve(root.searchIndex); return; }
        var src = config.index || scriptAttr('data-trang-index');
        var el = document.createElement('script');
        el.src = src;
        el.onload = function () { root.searchIndex ? resolve(root.searchIndex) : reject(new Error('no window.searchIndex in ' + src)); };
        el.onerror = function () { reject(new Error('search index: cannot load ' + src)); };
        document.head.appendChild(el);
      });
      lunr.catch(function () { lunr = null; });
    }
    return lunr;
  }

  /** Documents of one key in one field's trie: {ref: tf}. */
  function lunrDocs(index, field, key) {
    var node = index.index[field] && index.index[field].root;
    for (var i = 0; node && i < key.length; i++) node = node[key[i]];
    return (node && node.docs) || {};
  }

  /** Words must all match (elasticlunr has no positions: phrases match as words). */
  function lunrPass(index, words, strict) {
    var scores = null;
    var n = Object.keys(index.documentStore.docs).length;
    words.forEach(function (w) {
      var key = strict && w.strict !== null ? w.strict : w.folded;
      var found = {};
      [['title', 3], ['body', 1]].forEach(function (fb) {
        var docs = lunrDocs(index, fb[0], key);
        var df = Object.keys(docs).length;
        Object.keys(docs).forEach(function (ref) {
          found[ref] = (found[ref] || 0) + fb[1] * docs[ref].tf * Math.log(1 + n / (df + 1));
        });
      });
      var next = {};
      Object.keys(found).forEach(function (ref) {
        if (!scores || scores[ref] !== undefined) next[ref] = (scores ? scores[ref] : 0) + found[ref];
      });
      scores = next;
    });
    return Object.keys(scores || {}).sort(function (a, b) { return scores[b] - scores[a] || (a < b ? -1 : 1); });
  }

  function searchLunr(q, limit, offset, fallback) {
    return loadLunr().then(function (index) {
      var words = [];
      q.groups.forEach(function (g) { g.forEach(function (w) { words.push(w); }); });
      var missing = words.filter(function (w) {
        return !Object.keys(lunrDocs(index, 'title', w.folded)).length && !Object.keys(lunrDocs(index, 'body', w.folded)).length;
      }).map(function (w) { return w.text; });
      var list = missing.length ? [] : lunrPass(index, words, true).map(function (ref) { return { ref: ref, approximate: false }; });
      var approximate = false;
      var strictWords = words.some(function (w) { return w.strict !== null; });
      if (!missing.length && strictWords && fallback !== 'never' && (fallback === 'always' || !list.length)) {
        var seen = new Set(list.map(function (x) { return x.ref; }));
        approximate = !list.length;
        lunrPass(index, words, false).forEach(function (ref) { if (!seen.has(ref)) list.push({ ref: ref, approximate: true }); });
        approximate = approximate && list.length > 0;
      }
      var results = list.slice(offset, offset + limit).map(function (h) {
        var d = index.documentStore.docs[h.ref] || {};
        return {
          url: h.ref, title: d.title || '', section: '', date: null, kind: 'page',
          excerpt: excerpt(d.body, words, !h.approximate) || escapeHtml(d.title || ''), approximate: h.approximate, score: 0
        };
      });
      results.total = list.length;
      results.approximate = approximate;
      results.missing = missing;
      return results;
    });
  }

  // ---- The public API ----

  function search(query, options) {
    options = options || {};
    var limit = options.limit === undefined ? 10 : options.limit;
    var offset = options.offset || 0;
    var fallback = options.fallback || 'auto';
    var q = parseQuery(query || '');
    var empty = function () { var r = []; r.total = 0; r.approximate = false; r.missing = []; return r; };
    if (!q.groups.length) return Promise.resolve(empty());
    if (engine() === 'elasticlunr') return searchLunr(q, limit, offset, fallback);
    return load().then(function (st) {
      var pk = pairKeys(q);
      return Promise.all([lookup(st, pk.keys), filterMask(st, options.filters)]).then(function (got) {
        var terms = got[0], mask = got[1];
        var missing = pk.words.filter(function (w) { return !terms.get(w.folded).length; })
          .map(function (w) { return w.text; });
        if (missing.length) { var r = empty(); r.missing = missing; return r; }
        var strict = pass(st, q, terms, true, mask);
        var hasStrictWords = pk.words.some(function (w) { return w.strict !== null; });
        var list = strict.docs.map(function (d) { return { doc: d, score: strict.scores[d], approximate: false }; });
        var approximate = false;
        if (hasStrictWords && fallback !== 'never' && (fallback === 'always' || !list.length)) {
          var folded = pass(st, q, terms, false, mask);
          var inStrict = new Set(strict.docs);
          folded.docs.forEach(function (d) {
            if (!inStrict.has(d)) list.push({ doc: d, score: folded.scores[d], approximate: true });
          });
          approximate = !strict.docs.length && list.length > 0;
        }
        var page = list.slice(offset, offset + limit);
        return Promise.all(page.map(function (h) { return fragment(st, h.doc); })).then(function (frags) {
          var results = frags.map(function (f, i) {
            var h = page[i];
            return {
              url: f.url, title: f.title, section: f.section, date: f.date, kind: f.kind,
              excerpt: excerpt(f.text, pk.words, !h.approximate) || escapeHtml(f.title || ''),
              approximate: h.approximate, score: h.score
            };
          });
          results.total = list.length;
          results.approximate = approximate;
          results.missing = [];
          return results;
        });
      });
    });
  }

  function filters() {
    if (engine() === 'elasticlunr') return Promise.resolve([]);
    return load().then(function (st) { return st.meta.filters || []; });
  }

  function configure(opts) {
    if (opts.index !== undefined) config.index = opts.index;
    if (opts.fetch !== undefined) config.fetch = opts.fetch;
    if (opts.engine !== undefined) config.engine = opts.engine;
    state = null;
    lunr = null;
  }

  /** For Zola-style themes using elasticlunr.js with `[search] engine = "elasticlunr"`:
   * registers the `trang-vi` pipeline function that maps query words like the index. */
  function registerElasticlunr(elasticlunr) {
    var fn = function (token) {
      var w = queryWord(token);
      return w.strict !== null ? w.strict : w.folded;
    };
    elasticlunr.Pipeline.registerFunction(fn, 'trang-vi');
    elasticlunr.tokenizer.setSeperator && elasticlunr.tokenizer.setSeperator(/[^\p{Alphabetic}\p{N}\p{M}_]+/u);
    return fn;
  }

  // ---- The search page: <form data-trang-search> ----

  function formatDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
    return m ? m[3] + '/' + m[2] + '/' + m[1] : '';
  }

  function text(el, key, vars) {
    var s = (el && el.getAttribute('data-t-' + key)) || '';
    return s.replace(/\{(\w+)\}/g, function (_, k) { return vars && vars[k] !== undefined ? vars[k] : ''; });
  }

  function initPage(form) {
    var doc = form.ownerDocument;
    var input = form.querySelector('input[name="q"]');
    var status = doc.getElementById(form.getAttribute('data-status') || 'ket-qua-trang-thai');
    var list = doc.getElementById(form.getAttribute('data-results') || 'ket-qua');
    var more = doc.getElementById(form.getAttribute('data-more') || 'xem-them');
    var selects = Array.prototype.slice.call(form.querySelectorAll('select[data-trang-filter]'));
    var params = new URLSearchParams(root.location.search);
    var current = null, shown = 0, pageSize = 10, runId = 0;

    function readFilters() {
      var f = {};
      selects.forEach(function (s) { if (s.value) f[s.getAttribute('data-trang-filter')] = s.value; });
      return f;
    }

    function render(results, append) {
      if (!append) list.textContent = '';
      results.forEach(function (r) {
        var li = doc.createElement('li');
        var h = doc.createElement('h2');
        var a = doc.createElement('a');
        a.href = r.url;
        a.textContent = r.title;
        h.appendChild(a);
        li.appendChild(h);
        var meta = doc.createElement('p');
        meta.className = 'meta';
        meta.textContent = [r.section, formatDate(r.date)].filter(Boolean).join(' · ') +
          (r.approximate ? ' · ' + text(status, 'approximate-mark') : '');
        li.appendChild(meta);
        var p = doc.createElement('p');
        p.innerHTML = r.excerpt;
        li.appendChild(p);
        list.appendChild(li);
      });
    }

    function run(append) {
      var query = input.value.trim();
      var id = ++runId;
      if (!query) {
        list.textContent = '';
        status.textContent = '';
        if (more) more.hidden = true;
        return Promise.resolve();
      }
      if (!append) { shown = 0; status.textContent = text(status, 'searching'); }
      current = query;
      return search(query, { limit: pageSize, offset: shown, filters: readFilters() }).then(function (results) {
        if (id !== runId) return;
        render(results, append);
        shown += results.length;
        var vars = { n: results.total, q: query, words: results.missing.join(', ') };
        var msg;
        if (results.missing.length) msg = text(status, 'missing', vars);
        else if (!results.total) msg = text(status, 'none', vars);
        else if (results.approximate) msg = text(status, 'approximate', vars);
        else msg = text(status, 'found', vars);
        if (!append) status.textContent = msg;
        if (more) more.hidden = shown >= results.total;
        if (append && list.children[shown - results.length]) {
          var a = list.children[shown - results.length].querySelector('a');
          if (a) a.focus();
        }
      }, function (e) {
        if (id !== runId) return;
        status.textContent = text(status, 'error');
        if (root.console) root.console.error(e);
      });
    }

    function syncUrl() {
      var p = new URLSearchParams();
      if (input.value.trim()) p.set('q', input.value.trim());
      var f = readFilters();
      Object.keys(f).forEach(function (k) { p.set(k, f[k]); });
      var qs = p.toString();
      root.history.replaceState(null, '', root.location.pathname + (qs ? '?' + qs : ''));
    }

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      syncUrl();
      run(false);
    });
    if (more) more.addEventListener('click', function () { run(true); });
    input.value = params.get('q') || '';
    var ready = selects.length
      ? filters().then(function (all) {
        selects.forEach(function (s) {
          var name = s.getAttribute('data-trang-filter');
          var f = all.filter(function (x) { return x.name === name; })[0];
          if (!f) { s.closest('[data-trang-filter-field]') && (s.closest('[data-trang-filter-field]').hidden = true); return; }
          var values = f.values.slice();
          if (name === 'year') values.sort(function (a, b) { return b[0] - a[0]; });
          values.forEach(function (v) {
            var o = doc.createElement('option');
            o.value = v[0];
            o.textContent = v[1] + ' (' + v[2] + ')';
            s.appendChild(o);
          });
          if (params.get(name)) s.value = params.get(name);
        });
      }, function () {})
      : Promise.resolve();
    form.trangReady = ready.then(function () { return input.value ? run(false) : undefined; });
    return form.trangReady;
  }

  var api = {
    search: search,
    filters: filters,
    configure: configure,
    registerElasticlunr: registerElasticlunr,
    // The Vietnamese pipeline, for tests and themes.
    tokens: tokens,
    fold: fold,
    syllableKey: syllableKey,
    hasDiacritic: hasDiacritic,
    parseQuery: parseQuery,
    phraseMatches: phraseMatches,
    excerpt: excerpt
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof window !== 'undefined') {
    window.trang = Object.assign(window.trang || {}, api);
    if (window.elasticlunr) registerElasticlunr(window.elasticlunr);
    var start = function () {
      var form = document.querySelector('form[data-trang-search]');
      if (form) initPage(form);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  }
})(typeof window !== 'undefined' ? window : globalThis);
