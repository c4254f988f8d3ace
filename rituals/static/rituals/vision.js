// A group's vision draft on a phone (rituals/kinds/vision.py): the last save wins, and the
// group's form is re-sent to every phone. A phone whose text box holds unsaved words keeps
// them: only the line saying who saved last changes, and this person's own save then wins.
(function () {
  "use strict";
  if (window.visionDraft) return; // loaded once per page
  window.visionDraft = true;

  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.matches || !target.matches("[data-vision-draft]")) return;
    var mine = target.querySelector("[data-vision-text]");
    var incoming = event.detail.fragment.querySelector && event.detail.fragment.querySelector("[data-vision-text]");
    if (!mine || !incoming) return;
    var typing = mine.value !== (mine.dataset.saved || "") && mine.value !== incoming.dataset.saved;
    if (!typing) return;
    event.detail.shouldSwap = false;
    mine.dataset.saved = incoming.dataset.saved;
    var status = target.querySelector("[data-vision-status]");
    var saved = event.detail.fragment.querySelector("[data-vision-status]");
    if (status && saved) {
      // The sentence in the page's language (data-text-replaced on the stage), else the English.
      var holder = target.closest(".vision--phone");
      var sentence = (holder && holder.dataset.textReplaced) ||
        "{status} while you were typing: saving yours replaces it.";
      status.textContent = sentence.replace("{status}", saved.textContent.trim());
      status.classList.add("vision-draft__status--pending");
    }
  });
})();
