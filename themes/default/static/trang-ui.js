// trang default theme: enhancements only. Every page works without this script; it adds
// the legal-document filter and the Q&A lookup by tracking code. No inline code, no
// third-party requests (works under Content-Security-Policy script-src 'self').
(function () {
  "use strict";
  function fold(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().trim();
  }
  function docFilter(form) {
    var table = document.querySelector("[data-trang-doc-table]");
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var status = form.querySelector(".filter-status");
    var selects = form.querySelectorAll("select[data-filter]");
    Array.prototype.forEach.call(selects, function (sel) {
      var key = sel.getAttribute("data-filter");
      var values = {};
      rows.forEach(function (r) { var v = r.getAttribute("data-" + key); if (v) values[v] = true; });
      Object.keys(values).sort(function (a, b) { return key === "year" ? b.localeCompare(a) : a.localeCompare(b, "vi"); }).forEach(function (v) {
        var o = document.createElement("option"); o.value = v; o.textContent = v; sel.appendChild(o);
      });
    });
    var text = form.querySelector("[data-filter=text]");
    function apply() {
      var q = fold(text.value), shown = 0;
      rows.forEach(function (r) {
        var ok = !q || fold(r.textContent).indexOf(q) >= 0;
        Array.prototype.forEach.call(selects, function (sel) {
          if (sel.value && r.getAttribute("data-" + sel.getAttribute("data-filter")) !== sel.value) ok = false;
        });
        r.hidden = !ok; if (ok) shown++;
      });
      status.textContent = (status.getAttribute("data-t-count") || "{n}").replace("{n}", shown);
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    form.hidden = false;
  }
  function qaLookup(form) {
    var input = form.querySelector("input[name=ma]");
    var status = form.querySelector(".lookup-status");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var code = fold(input.value);
      var rows = document.querySelectorAll("tr[data-code]");
      for (var i = 0; i < rows.length; i++) {
        if (fold(rows[i].getAttribute("data-code")) === code) {
          var link = rows[i].querySelector("a");
          if (link) { window.location.href = link.href; return; }
        }
      }
      status.textContent = (status.getAttribute("data-t-none") || "").replace("{code}", input.value);
    });
    form.hidden = false;
  }
  function init() {
    var f = document.querySelector("[data-trang-doc-filter]"); if (f) docFilter(f);
    var q = document.querySelector("[data-trang-qa-lookup]"); if (q) qaLookup(q);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
