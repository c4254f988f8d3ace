// Sticky-note boards in the browser: the outbox that loses no note, idempotent note upserts,
// the presenter's note selection and drag-and-drop, and the room timer's countdown.
(function () {
  "use strict";

  var socket = null; // htmx ws extension's socket wrapper, while it is open
  var room = null;

  // The words this script shows, in the page's language (data-text-* on <body>, from
  // templates/includes/script_texts.html); the English is the fallback.
  function pageText(name, english) {
    return (document.body && document.body.dataset["text" + name]) || english;
  }

  function send(message) {
    if (!socket) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  // --- The outbox: notes typed on the phone wait here until the server acknowledges them. ---

  function outboxKey() {
    return "culture-room-outbox:" + (room && room.dataset.room);
  }

  function loadOutbox() {
    try {
      return JSON.parse(localStorage.getItem(outboxKey())) || [];
    } catch (error) {
      return [];
    }
  }

  function saveOutbox(entries) {
    try {
      localStorage.setItem(outboxKey(), JSON.stringify(entries));
    } catch (error) {
      /* private mode or full storage: the note still goes out while the socket is up */
    }
    renderOutbox(entries);
  }

  function renderOutbox(entries) {
    var list = document.getElementById("outbox");
    if (!list) return;
    list.textContent = "";
    entries.forEach(function (entry) {
      var item = document.createElement("li");
      item.className = "outbox__item";
      var label = document.createElement("span");
      label.className = "outbox__label";
      label.textContent = pageText("WaitingToSend", "Waiting to send");
      var text = document.createElement("span");
      text.textContent = entry.text;
      item.appendChild(label);
      item.appendChild(text);
      list.appendChild(item);
    });
    list.hidden = entries.length === 0;
    // The count stays in the phone's top bar, in sight wherever the page is scrolled.
    var waiting = document.getElementById("waiting");
    if (waiting) {
      waiting.hidden = entries.length === 0;
      var count = entries.length === 1
        ? pageText("NotesWaitingOne", "{n} note waiting")
        : pageText("NotesWaitingOther", "{n} notes waiting");
      waiting.textContent = count.replace("{n}", entries.length);
    }
  }

  function newClientId() {
    // crypto.randomUUID needs https; getRandomValues works on the room's plain-http network too.
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function flushOutbox() {
    if (!socket) return;
    loadOutbox().forEach(send);
  }

  // Not saved yet (the server's database was locked or down for a moment): the note stays in
  // the outbox and goes again after a growing pause, as a reconnect would send it anyway.
  var retries = {}; // client_id -> {count, timer}

  function retryLater(clientId) {
    var retry = retries[clientId] || (retries[clientId] = { count: 0, timer: null });
    clearTimeout(retry.timer);
    var ceiling = Math.min(1000 * Math.pow(2, retry.count), 15000);
    retry.count += 1;
    retry.timer = setTimeout(function () {
      var entry = loadOutbox().filter(function (e) { return e.client_id === clientId; })[0];
      if (entry) {
        send(entry);
      } else {
        delete retries[clientId];
      }
    }, ceiling / 2 + Math.random() * (ceiling / 2));
  }

  function saved(clientId) {
    if (!retries[clientId]) return;
    clearTimeout(retries[clientId].timer);
    delete retries[clientId];
    var message = document.getElementById("live-message");
    if (message && message.dataset.unsavedClientId === clientId) message.hidden = true;
  }

  function acknowledge(html) {
    var unsaved = /data-unsaved-client-id="([^"]+)"/.exec(html);
    if (unsaved) retryLater(unsaved[1]);
    var entries = loadOutbox();
    if (!entries.length) return;
    var seen = {};
    var pattern = /data-(?:rejected-)?client-id="([^"]+)"/g;
    var match;
    while ((match = pattern.exec(html))) {
      seen[match[1]] = true;
      saved(match[1]);
    }
    var rejected = /data-rejected-client-id="([^"]+)"/.exec(html);
    var remaining = entries.filter(function (entry) { return !seen[entry.client_id]; });
    if (rejected) {
      // Refused (too long, board locked…): give the text back so nothing typed is lost.
      var lost = entries.filter(function (entry) { return entry.client_id === rejected[1]; })[0];
      var form = document.querySelector('[data-note-form][data-activity="' + (lost && lost.activity) + '"]');
      var box = form && form.querySelector('[name="text"]');
      var systemBox = form && form.querySelector('[name="system_does"]');
      if (lost && box && !box.value) box.value = lost.text;
      if (lost && systemBox && !systemBox.value) systemBox.value = lost.system_does || "";
      if (lost && form) {
        form.querySelectorAll("textarea[data-note-extra]").forEach(function (extra) {
          if (!extra.value) extra.value = lost[extra.name] || "";
        });
      }
    }
    if (remaining.length !== entries.length) saveOutbox(remaining);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-note-form]");
    if (!form) return;
    event.preventDefault();
    var textarea = form.querySelector('[name="text"]');
    var text = textarea.value.trim();
    if (!text) {
      textarea.focus();
      return;
    }
    // A mixed signal is a pair: both halves go, or neither.
    var systemBox = form.querySelector('[name="system_does"]');
    var systemDoes = systemBox ? systemBox.value.trim() : "";
    if (systemBox && !systemDoes) {
      systemBox.focus();
      return;
    }
    var column = form.querySelector('[name="column"]:checked') || form.querySelector('[name="column"]');
    var dimension = form.querySelector('[name="dimension"]');
    var entry = {
      // A kind may send its own note action with extra fields ([data-note-extra] inputs).
      action: form.dataset.noteAction || "note.add",
      activity: form.dataset.activity,
      column: column ? column.value : "",
      dimension: dimension ? dimension.value : "",
      text: text,
      system_does: systemDoes,
      client_id: newClientId(),
    };
    var extras = form.querySelectorAll("[data-note-extra]");
    for (var i = 0; i < extras.length; i++) {
      var extra = extras[i];
      if ((extra.type === "radio" || extra.type === "checkbox") && !extra.checked) continue;
      entry[extra.name] = extra.value.trim();
    }
    for (var j = 0; j < extras.length; j++) {
      if (extras[j].required && !entry[extras[j].name]) {
        extras[j].focus(); // a required choice (a norm's pillar) not made yet
        return;
      }
    }
    saveOutbox(loadOutbox().concat([entry]));
    textarea.value = "";
    form.querySelectorAll("textarea[data-note-extra]").forEach(function (box) { box.value = ""; });
    if (systemBox) systemBox.value = "";
    send(entry);
  });

  // --- Editing one's own note: one dialog for all of them. ---

  document.addEventListener("click", function (event) {
    var editor = document.getElementById("note-editor");
    if (!editor) return;
    var opener = event.target.closest("[data-edit-note]");
    if (opener) {
      var note = opener.closest(".note");
      var board = note.closest("[data-max-length]");
      editor.querySelector('[name="note"]').value = opener.dataset.editNote;
      var text = editor.querySelector('[name="text"]');
      text.value = note.querySelector(".note__text").innerText.trim();
      if (board) text.maxLength = board.dataset.maxLength;
      // A mixed-signals note is edited as the pair it is.
      var system = note.querySelector(".note__system");
      var systemBox = editor.querySelector('[name="system_does"]');
      systemBox.value = system ? system.innerText.trim() : "";
      systemBox.required = !!system;
      if (board) systemBox.maxLength = board.dataset.maxLength;
      editor.querySelector("[data-system-half]").hidden = !system;
      editor.showModal();
      text.focus();
    } else if (event.target.closest("[data-delete-note]")) {
      send({ action: "note.delete", note: editor.querySelector('[name="note"]').value });
      editor.close();
    } else if (event.target.closest("[data-close-editor]")) {
      editor.close();
    }
  });
  document.addEventListener("htmx:wsAfterSend", function (event) {
    var editor = event.target.closest && event.target.closest("#note-editor");
    if (editor) editor.close();
  });

  // --- Idempotent upserts: a note that is already on the page is replaced, not added twice. ---

  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var detail = event.detail;
    if (!detail.target.classList || !detail.target.classList.contains("notes")) return;
    Array.prototype.slice.call(detail.fragment.children).forEach(function (note) {
      var existing = note.id && document.getElementById(note.id);
      if (!existing) return;
      if (existing.parentNode === detail.target) {
        existing.replaceWith(note); // edited: keep its place
        htmx.process(note);
      } else {
        existing.remove(); // moved: it is appended to its new list below
      }
    });
    if (!detail.fragment.children.length) detail.shouldSwap = false;
  });

  // --- Presenter: a list of many notes shows them smaller (the CSS reads data-crowd). ---

  function markCrowds() {
    document.querySelectorAll(".columns--presenter .notes").forEach(function (list) {
      var count = list.childElementCount;
      var crowd = count >= 25 ? "many" : count >= 9 ? "some" : "";
      if ((list.dataset.crowd || "") === crowd) return;
      if (crowd) list.dataset.crowd = crowd;
      else delete list.dataset.crowd;
    });
  }

  // --- Presenter: pick a note to act on, or drag it to another column or cluster. ---

  function selectNote(note) {
    var board = note.closest(".board--presenter");
    if (!board) return;
    board.querySelectorAll(".note--selected").forEach(function (other) {
      if (other !== note) other.classList.remove("note--selected");
    });
    var selected = note.classList.toggle("note--selected");
    var tools = board.querySelector(".note-tools");
    board.querySelectorAll(".js-selected-note").forEach(function (input) {
      input.value = selected ? note.dataset.note : "";
    });
    if (tools) tools.hidden = !selected;
  }

  document.addEventListener("click", function (event) {
    var note = event.target.closest(".board--presenter .note");
    if (note && !event.target.closest("form, button, a")) selectNote(note);
  });
  document.addEventListener("keydown", function (event) {
    var note = event.target.closest && event.target.closest(".board--presenter .note");
    if (note && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      event.stopPropagation();
      selectNote(note);
    }
  }, true);

  document.addEventListener("dragstart", function (event) {
    var note = event.target.closest && event.target.closest(".board--presenter .note");
    if (!note) return;
    event.dataTransfer.setData("text/plain", note.dataset.note);
    event.dataTransfer.effectAllowed = "move";
  });
  document.addEventListener("dragover", function (event) {
    if (event.target.closest && event.target.closest(".board--presenter .column")) {
      event.preventDefault();
    }
  });
  document.addEventListener("drop", function (event) {
    var column = event.target.closest && event.target.closest(".board--presenter .column");
    if (!column) return;
    event.preventDefault();
    var noteId = event.dataTransfer.getData("text/plain");
    var cluster = event.target.closest(".cluster");
    var note = document.getElementById("note-" + noteId);
    if (!note) return;
    if (cluster && column.contains(note)) {
      send({ action: "note.group", note: noteId, group: cluster.dataset.clusterName });
    } else if (!column.contains(note)) {
      send({ action: "note.move", note: noteId, column: column.dataset.column });
    }
  });

  // --- The room timer: counts down to the server's end time on every screen. ---

  var clockOffset = 0; // server time minus this device's time, in ms

  function tick() {
    var timer = document.getElementById("timer");
    if (!timer || !timer.dataset.endsAt) return;
    var left = Math.max(0, Math.round((timer.dataset.endsAt * 1000 - (Date.now() + clockOffset)) / 1000));
    var minutes = Math.floor(left / 60);
    var seconds = ("0" + (left % 60)).slice(-2);
    timer.textContent = left > 0 ? minutes + ":" + seconds : pageText("TimesUp", "Time's up");
    if (left === 0 && !timer.dataset.said && window.cultureRoomAnnounce) {
      timer.dataset.said = "true";
      window.cultureRoomAnnounce(pageText("TimesUpSaid", "Time's up."));
    }
    timer.classList.toggle("timer--done", left === 0);
    timer.classList.toggle("timer--soon", left > 0 && left <= 30);
  }

  var clockSample = null;

  function syncClock() {
    // Each timer fragment carries the server's time when it was rendered: measure once per fragment.
    var timer = document.getElementById("timer");
    if (timer && timer.dataset.now && timer.dataset.now !== clockSample) {
      clockSample = timer.dataset.now;
      clockOffset = timer.dataset.now * 1000 - Date.now();
    }
    tick();
  }

  setInterval(tick, 250);

  // --- Wiring to the room socket. ---

  function init() {
    room = document.getElementById("room");
    if (!room) return;
    renderOutbox(loadOutbox());
    syncClock();
    markCrowds();
    room.addEventListener("htmx:wsOpen", function (event) {
      socket = event.detail.socketWrapper;
      flushOutbox();
    });
    room.addEventListener("htmx:wsClose", function () {
      socket = null;
    });
    // After the swap, the message is whole (a long one arrives in parts: room.js joins them).
    room.addEventListener("htmx:wsAfterMessage", function (event) {
      acknowledge(event.detail.message);
      syncClock();
      markCrowds();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
