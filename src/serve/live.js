// trang serve: live reload and the build-error overlay. Injected only by `trang serve`.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var overlay = null;

  function currentOutput() {
    var p = decodeURIComponent(location.pathname).replace(/^\//, "");
    if (p === "" || p.charAt(p.length - 1) === "/") p += "index.html";
    return p;
  }

  function affectsThisPage(paths) {
    var here = currentOutput();
    for (var i = 0; i < paths.length; i++) {
      var p = paths[i];
      if (p === here || /\.(css|js|png|jpe?g|gif|svg|webp|avif)$/i.test(p)) return true;
    }
    return false;
  }

  function hideErrors() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function showErrors(errors) {
    hideErrors();
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-live", "assertive");
    overlay.id = "trang-build-errors";
    var s = overlay.style;
    s.position = "fixed";
    s.inset = "0";
    s.zIndex = "2147483647";
    s.overflow = "auto";
    s.background = "rgba(20, 20, 24, 0.94)";
    s.color = "#fff";
    s.font = "15px/1.5 ui-monospace, Menlo, Consolas, monospace";
    s.padding = "2rem";
    var h = document.createElement("h2");
    h.textContent = "Lỗi khi dựng trang (build failed) — " + errors.length;
    h.style.color = "#ffb4a8";
    h.style.marginTop = "0";
    overlay.appendChild(h);
    var note = document.createElement("p");
    note.textContent = "Trang đang hiển thị là bản dựng thành công gần nhất. Sửa tệp và lưu lại: trang sẽ tự tải lại. (The last good build is still served.)";
    overlay.appendChild(note);
    errors.forEach(function (e) {
      var pre = document.createElement("pre");
      pre.textContent = e;
      pre.style.whiteSpace = "pre-wrap";
      pre.style.borderLeft = "4px solid #ff6b57";
      pre.style.paddingLeft = "1rem";
      overlay.appendChild(pre);
    });
    document.body.appendChild(overlay);
  }

  var source = new EventSource("/__trang/events");
  source.addEventListener("reload", function (event) {
    var data = JSON.parse(event.data);
    if (affectsThisPage(data.paths)) location.reload();
  });
  source.addEventListener("errors", function (event) {
    showErrors(JSON.parse(event.data));
  });
  source.addEventListener("ok", function (event) {
    var hadErrors = overlay !== null;
    hideErrors();
    var data = JSON.parse(event.data);
    if (hadErrors && data.reload) location.reload();
  });
  window.trangLive = { source: source, showErrors: showErrors, hideErrors: hideErrors };
})();
