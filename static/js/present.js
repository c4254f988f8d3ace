// Keyboard and clicker control of the presenter view.
(function () {
  "use strict";

  var NEXT = ["ArrowRight", "PageDown", " "];
  var PREVIOUS = ["ArrowLeft", "PageUp"];

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var id = null;
    if (NEXT.indexOf(event.key) >= 0) id = "next-activity";
    if (PREVIOUS.indexOf(event.key) >= 0) id = "previous-activity";
    if (event.key === "f") {
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen().catch(function () {});
      return;
    }
    if (!id) return;
    var button = document.getElementById(id);
    if (button && !button.disabled) {
      event.preventDefault();
      button.click();
    }
  });
})();
