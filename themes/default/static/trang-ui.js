// trang default theme: enhancements only. Every page works without this script; it adds
// the legal-document filter, the Q&A lookup by tracking code, and keeps the main menu open
// on wide screens. No inline code, no third-party requests (works under
// Content-Security-Policy script-src 'self'; other pages of a list are fetched from the
// site itself).
(function () {
  "use strict";
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
  function fold(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }
  // Tracking codes compare without case, accents, spaces or dashes: "hd 0042" = "HD-0042".
  function codeKey(s) { return fold(s).replace(/[^a-z0-9]/g, ""); }
  function say(el, key, values) {
    var text = el.getAttribute("data-t-" + key) || "";
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(values[k]); });
    el.textContent = text;
  }

  // The rows of a paginated list's other pages (`data-trang-first` names its first page):
  // fetched once, on demand, by following the rel="next" links. Resolves to copies of the
  // rows, each with `data-trang-page` set to the page it came from.
  function otherPages(table, selector) {
    var loading = null;
    return function () {
      if (loading) return loading;
      var first = table.getAttribute("data-trang-first");
      var rows = [];
      if (!first || !window.fetch || !window.DOMParser) return (loading = Promise.resolve(rows));
      var here = location.pathname, seen = {}, count = 0;
      function page(url) {
        if (!url || seen[url] || ++count > 500) return rows;
        seen[url] = true;
        var load = new URL(url).pathname === here ? Promise.resolve(document)
          : fetch(url, { credentials: "same-origin" }).then(function (r) {
            if (!r.ok) throw new Error(r.status + " " + url);
            return r.text();
          }).then(function (html) { return new DOMParser().parseFromString(html, "text/html"); });
        return load.then(function (doc) {
          var t = doc === document ? null : doc.querySelector(selector);
          if (t && t.tBodies[0]) {
            each(t.tBodies[0].rows, function (r) {
              var copy = document.importNode(r, true);
              copy.setAttribute("data-trang-page", url);
              each(copy.querySelectorAll("a[href]"), function (a) { a.setAttribute("href", new URL(a.getAttribute("href"), url).href); });
              rows.push(copy);
            });
          }
          var next = doc.querySelector("a[rel~=next][href]");
          return page(next ? new URL(next.getAttribute("href"), url).href : null);
        });
      }
      loading = Promise.resolve(page(new URL(first, location.href).href)).catch(function () { return rows; });
      return loading;
    };
  }

  // Legal documents: filter the table by form, issuer, year, field and text. With several
  // pages, the other pages' rows are loaded when the visitor first uses the form, and
  // shown while a filter is set.
  function docFilter(form) {
    var table = document.querySelector("[data-trang-doc-table]");
    if (!table || !table.tBodies[0]) return;
    var body = table.tBodies[0];
    var own = Array.prototype.slice.call(body.rows);
    var rows = own.slice();
    var more = otherPages(table, "[data-trang-doc-table]");
    var status = form.querySelector(".filter-status");
    var selects = form.querySelectorAll("select[data-filter]");
    var text = form.querySelector("[data-filter=text]");
    var pager = document.querySelector(".pagination");
    var announce = null, loaded = !table.getAttribute("data-trang-first");
    function options() {
      each(selects, function (sel) {
        var key = sel.getAttribute("data-filter"), current = sel.value, values = {};
        rows.forEach(function (r) { var v = r.getAttribute("data-" + key); if (v) values[v] = true; });
        var sorted = Object.keys(values).sort(function (a, b) { return key === "year" ? b.localeCompare(a) : a.localeCompare(b, "vi"); });
        var have = Array.prototype.slice.call(sel.options, 1).map(function (o) { return o.value; });
        if (have.join("\n") === sorted.join("\n")) return;
        while (sel.options.length > 1) sel.remove(1);
        sorted.forEach(function (v) { sel.add(new Option(v, v)); });
        sel.value = current;
      });
    }
    function apply() {
      var q = fold(text.value), active = !!q, shown = 0;
      each(selects, function (sel) { if (sel.value) active = true; });
      rows.forEach(function (r) {
        var ok = active || own.indexOf(r) >= 0;
        if (ok && q && fold(r.textContent).indexOf(q) < 0) ok = false;
        each(selects, function (sel) {
          if (ok && sel.value && r.getAttribute("data-" + sel.getAttribute("data-filter")) !== sel.value) ok = false;
        });
        r.hidden = !ok;
        if (ok) shown++;
      });
      if (pager) pager.hidden = active && loaded;
      // Announce once typing pauses, not on every key.
      clearTimeout(announce);
      announce = setTimeout(function () {
        if (active && !loaded) say(status, "loading");
        else say(status, shown ? "count" : "none", { n: shown });
      }, 350);
    }
    function loadMore() {
      if (loaded) return;
      more().then(function (extra) {
        if (loaded) return;
        loaded = true;
        extra.forEach(function (r) { r.hidden = true; body.appendChild(r); rows.push(r); });
        options();
        apply();
      });
    }
    options();
    form.addEventListener("focusin", loadMore);
    form.addEventListener("pointerdown", loadMore);
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    form.hidden = false;
  }

  // Q&A: go to the question with the tracking code typed, on any page of the list.
  function qaLookup(form) {
    var input = form.querySelector("input[name=ma]");
    var status = form.querySelector(".lookup-status");
    var table = document.querySelector("[data-trang-qa-table]");
    var more = table ? otherPages(table, "[data-trang-qa-table]") : function () { return Promise.resolve([]); };
    function find(rows, key) {
      for (var i = 0; i < rows.length; i++) {
        if (codeKey(rows[i].getAttribute("data-code")) === key && rows[i].querySelector("a[href]")) return rows[i];
      }
      return null;
    }
    function lookup() {
      var typed = input.value.trim(), key = codeKey(typed);
      if (!key) { say(status, "empty"); input.focus(); return; }
      var row = find(document.querySelectorAll("tr[data-code]"), key);
      if (!row) say(status, "searching");
      (row ? Promise.resolve(row) : more().then(function (rows) { return find(rows, key); })).then(function (found) {
        if (found) {
          say(status, "found", { code: found.getAttribute("data-code") });
          window.location.href = found.querySelector("a[href]").href;
        } else {
          say(status, "none", { code: typed });
          input.select();
        }
      });
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); lookup(); });
    form.hidden = false;
    // A shared link with ?ma=CODE looks the code up at once.
    var code = window.URLSearchParams ? new URLSearchParams(location.search).get("ma") : null;
    if (code) { input.value = code; lookup(); }
  }

  // The main menu is a <details> that CSS shows open on wide screens; keep it open there
  // (browsers without ::details-content), closed when the window becomes narrow, and let
  // Escape close it on narrow screens, back on its button.
  function menu(details) {
    var wide = window.matchMedia && window.matchMedia("(min-width: 48rem)");
    var summary = details.querySelector("summary");
    if (wide) {
      var sync = function () { details.open = wide.matches; };
      sync();
      if (wide.addEventListener) wide.addEventListener("change", sync); else if (wide.addListener) wide.addListener(sync);
    }
    details.addEventListener("keydown", function (e) {
      if ((e.key === "Escape" || e.key === "Esc") && details.open && !(wide && wide.matches)) {
        details.open = false;
        if (summary) summary.focus();
      }
    });
  }

  function init() {
    var m = document.querySelector("[data-trang-menu]"); if (m) menu(m);
    var f = document.querySelector("[data-trang-doc-filter]"); if (f) docFilter(f);
    var q = document.querySelector("[data-trang-qa-lookup]"); if (q) qaLookup(q);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
