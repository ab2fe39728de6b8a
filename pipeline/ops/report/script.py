"""The page's only script (vanilla JS, inline, allowed by its hash in the page's CSP).

It shows the filter form and hides the rows and timeline bars that do not match the chosen
languages, kind, "2+ languages" and text. The initial filter can come from the URL query
(``report.html?lang=lv,zh&kind=capture&multi=1&q=Riga``), which also makes it testable in a
headless browser. It adds an event's sentence to its timeline bar's tooltip on hover, and opens an entity's ``<details>`` when a link targets it. It never
inserts markup: only classes, ``hidden`` and ``textContent`` change.
"""

from __future__ import annotations

import base64
import hashlib

SCRIPT = """
(function () {
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.tagName === "DETAILS") { el.open = true; el.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  document.addEventListener("mouseover", function (ev) {
    var bar = ev.target.closest && ev.target.closest(".tl-event");
    var link = bar && bar.querySelector("a");
    var title = bar && bar.querySelector("title");
    if (!link || !title || bar.getAttribute("data-tip")) { return; }
    var row = document.getElementById(link.getAttribute("href").slice(1));
    var cell = row && row.lastElementChild;
    if (cell) { title.textContent += " " + cell.textContent.trim().slice(0, 200); }
    bar.setAttribute("data-tip", "1");
  });
  var form = document.getElementById("filters");
  if (!form) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll(".filt, .tl-event"));
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=lang]"));
  var kind = form.querySelector("select[name=kind]");
  var multi = form.querySelector("input[name=multi]");
  var query = form.querySelector("input[name=q]");
  var status = document.getElementById("filter-status");
  var params = new URLSearchParams(location.search);
  if (params.get("lang")) {
    var wanted = params.get("lang").split(",");
    boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
  }
  if (params.get("kind")) { kind.value = params.get("kind"); }
  if (params.get("multi")) { multi.checked = true; }
  if (params.get("q")) { query.value = params.get("q"); }
  function kinds(el) {
    return (el.getAttribute("data-kinds") || el.parentNode.getAttribute("data-kinds")).split(" ");
  }
  function apply() {
    var langs = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var text = query.value.trim().toLowerCase();
    var shown = 0, total = 0, bars = 0;
    items.forEach(function (el) {
      var own = el.getAttribute("data-langs").split(" ");
      var ok = own.some(function (l) { return langs.indexOf(l) >= 0; }) &&
        (!kind.value || kinds(el).indexOf(kind.value) >= 0) &&
        (!multi.checked || own.length > 1) &&
        (!text || el.textContent.toLowerCase().indexOf(text) >= 0);
      el.classList.toggle("off", !ok);
      if (el.classList.contains("ev-row")) { total += 1; if (ok) { shown += 1; } }
      else if (ok && el.classList.contains("tl-event")) { bars += 1; }
    });
    status.textContent = "Showing " + shown + " of " + total + " event rows, " + bars +
      " timeline bars";
    status.setAttribute("data-shown", String(shown));
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  form.hidden = false;
  apply();
})();
"""


def script_hash(script: str = SCRIPT) -> str:
    """The CSP source that allows exactly ``script``: ``'sha256-…'``."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
