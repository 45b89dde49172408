// Marsad: hover explanations for highlighted spans. Text only (textContent), never HTML.
(function () {
  "use strict";
  var tip = null;

  function show(el) {
    var text = el.getAttribute("data-tip");
    if (!text || !tip) return;
    tip.textContent = text;
    // the tip reads in the page's direction; the names in it carry their own (isolates)
    tip.dir = document.documentElement.dir || "ltr";
    tip.lang = document.documentElement.lang || "";
    tip.hidden = false;
    var r = el.getBoundingClientRect();
    var top = r.bottom + 6;
    // right-to-left pages: line the tip up with the element's right edge; left-to-right: left
    var wanted = tip.dir === "rtl" ? r.right - tip.offsetWidth : r.left;
    var left = Math.max(4, Math.min(wanted, window.innerWidth - tip.offsetWidth - 8));
    if (top + tip.offsetHeight > window.innerHeight) top = r.top - tip.offsetHeight - 6;
    tip.style.top = top + "px";
    tip.style.left = left + "px";
  }

  function hide() {
    if (tip) tip.hidden = true;
  }

  function target(ev) {
    var el = ev.target;
    return el && el.closest ? el.closest("[data-tip]") : null;
  }

  document.addEventListener("DOMContentLoaded", function () {
    tip = document.getElementById("tip");
    // the custom tooltip replaces the browser's own, which would show twice
    document.querySelectorAll("[data-tip][title]").forEach(function (el) {
      el.removeAttribute("title");
      if (!el.hasAttribute("tabindex") && el.tagName !== "A") el.setAttribute("tabindex", "0");
    });
  });
  document.addEventListener("mouseover", function (ev) { var el = target(ev); if (el) show(el); });
  document.addEventListener("mouseout", function (ev) { if (target(ev)) hide(); });
  document.addEventListener("focusin", function (ev) { var el = target(ev); if (el) show(el); });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") hide(); });
})();
