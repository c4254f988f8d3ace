// The ritual canvas on a phone: each field saves when it is left, and a change from someone
// else never wipes what this person is typing (rituals/kinds/design.py, services/canvas.py).
//
// Each field is a small form (`ws-send`) carrying the version its edit started from. A field's
// fragment from the server is applied here, in place: a field nobody is typing in takes the new
// text and version; a field with unsaved text keeps it, and keeps its old version, so that
// saving is refused as stale and the reply shows the other text beside this person's to merge.
(function () {
  "use strict";
  if (window.ritualDesign) return; // loaded once per page
  window.ritualDesign = true;

  function inputOf(field) {
    return field.querySelector("[data-canvas-input]");
  }

  function isDirty(input) {
    return input.value !== (input.dataset.saved || "");
  }

  // A text the page gives in its language (data-text-* on the stage), else the English.
  function pageText(el, key, english) {
    var holder = el && el.closest && el.closest(".design--phone");
    return (holder && holder.dataset[key]) || english;
  }

  // The line under a field: green once saved, amber while this person's text is not.
  function setStatus(field, text, pending) {
    var status = field.querySelector("[data-canvas-status]");
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("canvas-field__status--pending", !!pending);
  }

  function save(field) {
    var input = inputOf(field);
    if (input && isDirty(input)) field.requestSubmit();
  }

  // Text is saved when the person leaves the field; a choice as soon as it is made.
  document.addEventListener("focusout", function (event) {
    var input = event.target.closest && event.target.closest("[data-canvas-input]");
    if (input && input.tagName !== "SELECT" && input.type !== "date") save(input.form);
  });
  document.addEventListener("change", function (event) {
    var input = event.target.closest && event.target.closest("[data-canvas-input]");
    if (input && (input.tagName === "SELECT" || input.type === "date")) save(input.form);
  });
  // Every save (leaving the field, Enter in a one-line field, the merge box) remembers what
  // went out, so its echo from the server is known as this person's own.
  document.addEventListener("submit", function (event) {
    var field = event.target.closest && event.target.closest("[data-canvas-field]");
    if (!field) return;
    inputOf(field).dataset.sent = inputOf(field).value;
    setStatus(field, pageText(field, "textSaving", "Saving…"), true);
  }, true);

  // The merge box: add their text to this person's, take theirs, or save as it is.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-merge]");
    if (!button) return;
    var field = button.closest("[data-canvas-field]");
    var input = inputOf(field);
    var theirs = field.querySelector("[data-theirs]");
    var text = theirs ? theirs.value : "";
    if (button.dataset.merge === "append") {
      input.value = input.value ? input.value.replace(/\s+$/, "") + "\n" + text : text;
      input.focus();
    } else if (button.dataset.merge === "theirs") {
      input.value = text;
      input.focus();
    } else {
      save(field);
    }
  });

  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var detail = event.detail;
    var target = detail.target;
    if (!target || !target.matches) return;

    // A new stage is coming: send what is typed first, so the swap loses nothing.
    if (target.id === "stage") {
      target.querySelectorAll("[data-canvas-field]").forEach(save);
      return;
    }

    // The merge box: this person's next save starts from the version they have now seen.
    if (target.classList.contains("canvas-field__note")) {
      var merge = detail.fragment.querySelector && detail.fragment.querySelector("[data-merge-version]");
      var owner = target.closest("[data-canvas-field]");
      if (merge && owner) {
        owner.querySelector("[data-base-version]").value = merge.dataset.mergeVersion;
        var theirs = merge.querySelector("[data-theirs]");
        inputOf(owner).dataset.saved = theirs ? theirs.value : "";
        setStatus(owner, pageText(owner, "textNotSavedYet", "Not saved yet"), true);
      } else if (owner) {
        setStatus(owner, pageText(owner, "textNotSaved", "Not saved"), true);
      }
      return;
    }

    if (!target.matches("[data-canvas-field]")) return;
    var incoming = detail.fragment.querySelector("[data-canvas-field]");
    if (!incoming) return;
    detail.shouldSwap = false;
    var input = inputOf(target);
    var text = inputOf(incoming).dataset.saved || "";
    var status = incoming.querySelector("[data-canvas-status]").textContent;
    var own = input.dataset.sent === text; // this person's save, come back
    target.dataset.version = incoming.dataset.version;
    if (own || !isDirty(input) || input.value === text) {
      // Nothing of anyone else's is at stake: take the saved text (unless this person typed on
      // after saving) and the new version.
      if (!own && input.value !== text) input.value = text;
      if (own && input.value === text) delete input.dataset.sent;
      input.dataset.saved = text;
      target.querySelector("[data-base-version]").value = incoming.dataset.version;
      if (input.value === text) {
        target.querySelector(".canvas-field__note").replaceWith(incoming.querySelector(".canvas-field__note"));
      }
      setStatus(target, status);
    } else {
      // Someone else saved while this person types: keep their text and the version it started
      // from, so saving it shows both texts to merge.
      input.dataset.saved = text;
      var who = (status.split("·")[1] || pageText(target, "textSomeone", "Someone")).trim();
      var hint = target.querySelector(".canvas-field__note");
      if (!hint.querySelector("[data-merge-version]")) {
        hint.className = "canvas-field__note canvas-field__note--info";
        hint.textContent = pageText(
          target,
          "textChanged",
          "{name} changed this while you were typing. Leave the field to save yours and see both."
        ).replace("{name}", who);
      }
      setStatus(target, pageText(target, "textNotSavedYet", "Not saved yet"), true);
    }
  });
})();
