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
  document.addEventListener("DOMContentLoaded", function () {
    setupDrawer();
    setupBannerClose();
    setupInsertText();
    setupPrint();
  });
})();
