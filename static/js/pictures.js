// Picture notes from the phone: the camera or gallery picture is posted as an upload; once the
// server has stored it, the note reaches every screen over the room socket like a text note.
// Pictures do not wait in the text outbox: an upload either arrives or says why it did not.
(function () {
  "use strict";

  var MAX_BYTES = 10 * 1024 * 1024; // the server's PICTURE_MAX_BYTES; it checks again
  // The words this script shows, in the page's language (data-text-* on <body>, from
  // templates/includes/script_texts.html); the English is the fallback.
  function pageText(name, english) {
    return (document.body && document.body.dataset["text" + name]) || english;
  }
  var OFFLINE = "You're offline — try the picture again when you're back.";
  var FAILED = "The picture could not be added. Try again.";
  var TOO_LARGE = "That picture is larger than 10 MB. Choose a smaller one, or take the photo again at a lower resolution.";

  function newClientId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  function uploadUrl() {
    var room = document.querySelector("#room[data-room]");
    return room ? "/r/" + encodeURIComponent(room.dataset.room) + "/pictures/" : null;
  }

  function say(form, text, isError) {
    var status = form.querySelector("[data-picture-status]");
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("picture-picker__status--error", !!isError);
  }

  function busy(form, on) {
    form.querySelectorAll("[data-picture-input]").forEach(function (input) {
      input.disabled = on;
      input.closest("label").classList.toggle("picture-picker__button--busy", on);
    });
  }

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  }

  // The reply is the sender's own view of the note (its notes while the board is hidden):
  // swap in whatever is already on the page; the broadcast brings the rest.
  function showReply(html) {
    Array.prototype.slice.call(fragment(html).children).forEach(function (element) {
      var existing = element.id && document.getElementById(element.id);
      if (!existing) return;
      existing.replaceWith(element);
      if (window.htmx) htmx.process(element);
    });
  }

  function messageOf(html) {
    var message = fragment(html).querySelector("#live-message");
    return (message && message.textContent.trim()) || pageText("PictureFailed", FAILED);
  }

  function giveBack(textarea, caption) {
    if (textarea && caption && !textarea.value) textarea.value = caption;
  }

  function upload(form, file) {
    var url = uploadUrl();
    if (!url) return;
    if (file.size > MAX_BYTES) {
      say(form, pageText("PictureTooLarge", TOO_LARGE), true);
      return;
    }
    if (!navigator.onLine) {
      say(form, pageText("PictureOffline", OFFLINE), true);
      return;
    }
    var textarea = form.querySelector("textarea");
    var column = form.querySelector('[name="column"]:checked') || form.querySelector('[name="column"]');
    var dimension = form.querySelector('[name="dimension"]');
    var caption = textarea ? textarea.value.trim() : "";
    var data = new FormData();
    data.append("activity", form.dataset.activity);
    data.append("column", column ? column.value : "");
    if (dimension) data.append("dimension", dimension.value);
    data.append("client_id", newClientId());
    data.append("caption", caption);
    data.append("image", file, file.name || "picture.jpg");
    if (textarea) textarea.value = "";
    say(form, pageText("PictureUploading", "Uploading…"), false);
    busy(form, true);
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    })
      .then(function (response) {
        return response.text().then(function (html) {
          if (response.ok) {
            say(form, "", false);
            showReply(html);
          } else {
            giveBack(textarea, caption);
            say(form, messageOf(html), true);
          }
        });
      })
      .catch(function () {
        // No answer at all: the phone lost the room's network (wifi without internet still
        // counts as "online" for the browser, so navigator.onLine cannot tell).
        giveBack(textarea, caption);
        say(form, pageText("PictureOffline", OFFLINE), true);
      })
      .then(function () {
        busy(form, false);
      });
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-picture-input]")) return;
    var form = input.closest("[data-note-form]");
    var file = input.files && input.files[0];
    input.value = ""; // the same picture can be chosen again after a refusal
    if (form && file) upload(form, file);
  });
})();
