// Connection state for a room screen (phone or presenter), on top of htmx's ws extension.
(function () {
  "use strict";

  // Come back quickly after a blip: at most ~5 s between tries instead of a minute.
  htmx.config.wsReconnectDelay = function (retryCount) {
    var ceiling = Math.min(500 * Math.pow(2, retryCount), 5000);
    return ceiling / 2 + Math.random() * (ceiling / 2);
  };

  var CLOSED_FOR_GOOD = 4403;

  // The words this script shows, in the page's language: the template puts them on <body> as
  // data-text-* (templates/includes/script_texts.html); the English is the fallback.
  function pageText(name, english) {
    return (document.body && document.body.dataset["text" + name]) || english;
  }

  // A long message (a board of thousands of notes) comes in parts, each well under the
  // websocket frame limit: "<!--part ID N/COUNT-->" and a slice of the HTML
  // (workshops/live/frames.py). The parts are joined and swapped as one message, so a screen
  // never shows half a board; a part out of order drops the message (the next snapshot heals).
  var PART = /^<!--part (\S+) (\d+)\/(\d+)-->/;
  var assembling = null;
  htmx.defineExtension("ws-parts", {
    transformResponse: function (text) {
      var head = PART.exec(text);
      if (!head) return text;
      var id = head[1];
      var number = Number(head[2]);
      var count = Number(head[3]);
      if (number === 1) assembling = { id: id, next: 1, parts: [] };
      if (!assembling || assembling.id !== id || assembling.next !== number) {
        assembling = null;
        return "";
      }
      assembling.parts.push(text.slice(head[0].length));
      assembling.next += 1;
      if (number < count) return "";
      var whole = assembling.parts.join("");
      assembling = null;
      return whole;
    },
  });

  function init() {
    var room = document.getElementById("room");
    var badge = document.getElementById("connection");
    if (!room || !badge) return;

    function show(state, text) {
      badge.dataset.state = state;
      badge.textContent = text;
      document.body.dataset.connection = state;
    }

    room.addEventListener("htmx:wsConnecting", function () {
      if (badge.dataset.state !== "offline") show("connecting", pageText("Connecting", "Connecting…"));
    });
    room.addEventListener("htmx:wsOpen", function () {
      show("online", pageText("Live", "Live"));
    });
    room.addEventListener("htmx:wsClose", function (event) {
      var code = event.detail.event.code;
      if (code === CLOSED_FOR_GOOD) {
        show("gone", pageText("NotConnected", "Not connected"));
        var rejoin = room.dataset.rejoinUrl;
        if (rejoin && !document.getElementById("rejoin")) {
          var link = document.createElement("a");
          link.id = "rejoin";
          link.className = "button button--primary button--block";
          link.href = rejoin;
          link.textContent = pageText("JoinAgain", "Join again");
          room.appendChild(link);
        }
      } else {
        show("offline", pageText("Reconnecting", "Offline – reconnecting…"));
      }
    });

    // A message from the server fades after a while; a new one replaces it.
    var hideTimer;
    room.addEventListener("htmx:wsAfterMessage", function () {
      var message = document.getElementById("live-message");
      if (!message || message.hidden) return;
      clearTimeout(hideTimer);
      hideTimer = setTimeout(function () {
        if (badge.dataset.state === "online") message.hidden = true;
      }, 8000);
    });

    // What a screen reader hears (the #announcer live region): a new activity, a reveal, the
    // timer starting or stopping. Read from the page after each message, so it follows every
    // way the room moves on (a snapshot after a reconnect included) without a word from the server.
    var heard = describe();
    room.addEventListener("htmx:wsAfterMessage", function () {
      var now = describe();
      if (now.activity !== heard.activity || now.title !== heard.title) {
        if (now.title) announce(pageText("Now", "Now: {title}").replace("{title}", now.title));
      } else if (heard.hidden && !now.hidden) {
        announce(pageText("Revealed", "The notes are revealed."));
      }
      if (now.timer !== heard.timer) {
        announce(now.timer
          ? pageText("TimerRunning", "The timer is running.")
          : pageText("TimerStopped", "The timer stopped."));
      }
      heard = now;
    });

    // A form marked data-save-on-change (a rating) sends itself as soon as it is complete, the
    // same message its button sends; until then its status says what is still missing.
    room.addEventListener("change", function (event) {
      var form = event.target.closest && event.target.closest("form[data-save-on-change]");
      if (!form) return;
      var status = form.querySelector("[data-save-status]");
      if (status) delete status.dataset.saved;
      if (form.checkValidity()) {
        if (status) status.textContent = pageText("Saving", "Saving…");
        form.requestSubmit();
      } else if (status) {
        status.textContent = form.dataset.saveOnChange;
      }
    });
  }

  function describe() {
    var stage = document.getElementById("stage");
    var heading = stage && stage.querySelector("h1, h2");
    var timer = document.getElementById("timer");
    return {
      activity: stage ? stage.dataset.activity : "",
      title: heading ? heading.textContent.trim().replace(/\s+/g, " ") : "",
      hidden: !!document.querySelector("#stage .board__hidden, #stage [data-notes-hidden='true']"),
      timer: timer && !timer.hidden ? timer.dataset.endsAt || "" : "",
    };
  }

  var announceTimer;
  function announce(text) {
    var region = document.getElementById("announcer");
    if (!region) return;
    // Emptied first, so the same words twice are heard twice.
    region.textContent = "";
    clearTimeout(announceTimer);
    announceTimer = setTimeout(function () {
      region.textContent = text;
    }, 60);
  }
  window.cultureRoomAnnounce = announce;

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
