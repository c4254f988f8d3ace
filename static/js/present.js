// The presenter's keyboard, clicker and view controls: shortcuts, full screen, light or dark
// projector theme (remembered on this laptop), and the list of shortcuts.
(function () {
  "use strict";

  var NEXT = ["ArrowRight", "PageDown", " "];
  var PREVIOUS = ["ArrowLeft", "PageUp"];
  var THEME_KEY = "culture-room:projector-theme";

  function storedTheme() {
    try {
      return localStorage.getItem(THEME_KEY);
    } catch (error) {
      return null;
    }
  }

  function applyTheme(theme) {
    var dark = theme === "dark";
    document.documentElement.dataset.theme = dark ? "dark" : "light";
    var toggle = document.querySelector("[data-theme-toggle]");
    if (toggle) toggle.setAttribute("aria-pressed", dark ? "true" : "false");
  }

  function toggleTheme() {
    var theme = document.documentElement.dataset.theme === "dark" ? "light" : "dark";
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch (error) {
      // Private mode: the theme lasts for this page only.
    }
    applyTheme(theme);
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(function () {});
  }

  function openShortcuts() {
    var dialog = document.getElementById("shortcuts");
    if (dialog && !dialog.open) dialog.showModal();
  }

  // The control a key stands for, looked up when the key is pressed (fragments come and go).
  function controlFor(key) {
    if (NEXT.indexOf(key) >= 0) return document.getElementById("next-activity");
    if (PREVIOUS.indexOf(key) >= 0) return document.getElementById("previous-activity");
    var lower = key.toLowerCase();
    if (lower === "s") return document.getElementById("skip-activity");
    if (lower === "r" || lower === "l") return document.querySelector('#stage [data-shortcut="' + lower + '"]');
    if (lower === "t") {
      var timer = document.getElementById("timer");
      var running = timer && !timer.hidden && !timer.classList.contains("timer--done");
      return document.querySelector(running ? "[data-timer-stop]" : "[data-timer-start]");
    }
    return null;
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable], dialog[open]")) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var key = event.key;
    if (key === "f" || key === "F") return toggleFullscreen();
    if (key === "d" || key === "D") return toggleTheme();
    if (key === "?") {
      event.preventDefault();
      return openShortcuts();
    }
    var control = controlFor(key);
    if (control && !control.disabled) {
      event.preventDefault();
      control.click();
    }
  });

  applyTheme(storedTheme());

  function init() {
    applyTheme(storedTheme());
    document.addEventListener("click", function (event) {
      if (!event.target.closest) return;
      if (event.target.closest("[data-theme-toggle]")) toggleTheme();
      else if (event.target.closest("[data-fullscreen]")) toggleFullscreen();
      else if (event.target.closest("[data-shortcuts-open]")) openShortcuts();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
