// Progressive enhancement only: every page works without this script.
(function () {
  "use strict";
  function setupDrawer() {
    var opener = document.querySelector("[data-drawer-open]");
    var drawer = document.getElementById(opener ? opener.getAttribute("aria-controls") : "");
    if (!opener || !drawer || typeof drawer.showModal !== "function") return;
    opener.hidden = false;
    opener.addEventListener("click", function () {
      drawer.showModal();
      opener.setAttribute("aria-expanded", "true");
    });
    drawer.addEventListener("close", function () {
      opener.setAttribute("aria-expanded", "false");
      opener.focus();
    });
    drawer.querySelectorAll("[data-drawer-close]").forEach(function (button) {
      button.addEventListener("click", function () { drawer.close(); });
    });
  }
  function setupBannerClose() {
    document.querySelectorAll("[data-banner-close]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var banner = button.closest(".banner");
        if (banner) banner.remove();
      });
    });
  }
  // A button carrying data-insert-text puts that text into the field data-insert-target names
  // (canned answers); without the script the text stays readable beside the button.
  function setupInsertText() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-insert-text]") : null;
      if (!button) return;
      var field = document.getElementById(button.getAttribute("data-insert-target"));
      if (!field) return;
      var text = button.getAttribute("data-insert-text");
      field.value = field.value ? field.value + "\n" + text : text;
      field.focus();
    });
  }
  // A "print" button (data-print): the page's print styles leave out navigation and forms.
  function setupPrint() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  // A list that refreshes itself (data-live-list): htmx keeps the focus on an element whose
  // id comes back; when the focused row is gone, the focus stays in the list rather than
  // falling to <body>. Rows that are new or changed are announced in the polite live region
  // the list names (data-live-news), by their titles.
  function rowVersions(list) {
    var versions = {};
    list.querySelectorAll("[data-row-key]").forEach(function (row) {
      versions[row.getAttribute("data-row-key")] = row;
    });
    return versions;
  }
  function titles(rows) {
    return rows.map(function (row) { return row.getAttribute("data-row-title"); }).join("、");
  }
  function setupLiveList() {
    document.querySelectorAll("[data-live-list]").forEach(function (list) {
      var news = document.getElementById(list.getAttribute("data-live-news"));
      var before = rowVersions(list);
      var hadFocus = false;
      list.addEventListener("htmx:beforeSwap", function () {
        hadFocus = list.contains(document.activeElement);
        before = rowVersions(list);
      });
      list.addEventListener("htmx:afterSwap", function () {
        if (hadFocus && !list.contains(document.activeElement)) list.focus({ preventScroll: true });
        var after = rowVersions(list), added = [], changed = [];
        Object.keys(after).forEach(function (key) {
          if (!before[key]) added.push(after[key]);
          else if (before[key].getAttribute("data-row-version") !== after[key].getAttribute("data-row-version")) changed.push(after[key]);
        });
        if (!news || (!added.length && !changed.length)) return;
        var parts = [];
        if (added.length) parts.push(news.getAttribute("data-new-text") + titles(added));
        if (changed.length) parts.push(news.getAttribute("data-changed-text") + titles(changed));
        news.textContent = parts.join(" ");
      });
    });
  }
  // A long list of people (select[data-filterable]) gets a box above it: typing keeps only
  // the names that contain the text; the chosen one always stays.
  function setupFilterableSelects() {
    document.querySelectorAll("select[data-filterable]").forEach(function (select) {
      var box = document.createElement("input");
      box.type = "search";
      box.className = "select-filter";
      box.setAttribute("aria-label", select.getAttribute("data-filter-label") || "");
      box.setAttribute("aria-controls", select.id);
      select.parentNode.insertBefore(box, select);
      box.addEventListener("input", function () {
        var text = box.value.trim().toLowerCase();
        Array.prototype.forEach.call(select.options, function (option) {
          var keep = !text || !option.value || option.selected || option.text.toLowerCase().indexOf(text) !== -1;
          option.hidden = !keep;
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    setupLiveList();
    setupFilterableSelects();
    setupDrawer();
    setupBannerClose();
    setupInsertText();
    setupPrint();
  });
})();
