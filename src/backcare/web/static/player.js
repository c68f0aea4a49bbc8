// The guided session player: counts each step down, logs each exercise through the API,
// reads steps aloud when asked, and hands "This hurts — stop" to the server as a normal form.
// It starts at the first item not logged today (the server marks them "done"), and while the
// timer runs the stop button is a bar fixed to the bottom of the screen.
(function () {
  "use strict";
  var TICK_MS = 200;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function localDate() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  function clock(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    return Math.floor(s / 60) + ":" + pad(s % 60);
  }

  function seconds(item) {
    return item.segments.reduce(function (s, seg) { return s + seg.seconds; }, 0);
  }

  function Player(root, script) {
    this.root = root;
    this.script = script;
    this.patient = root.getAttribute("data-patient");
    this.total = script.reduce(function (sum, item) {
      return sum + item.segments.reduce(function (s, seg) { return s + seg.seconds; }, 0);
    }, 0) || 1;
    this.done = script.reduce(function (sum, item) {
      return sum + (item.done ? seconds(item) : 0);
    }, 0);
    this.itemIndex = this.nextUndone(0);
    this.timer = null;
    this.el = {};
    ["count", "progress", "item", "label", "time", "toggle", "skip-step", "skip-item", "speak",
     "steps", "feel", "finished", "status", "stop-item", "stop-seconds", "pictures"].forEach(function (id) {
      this.el[id] = document.getElementById("player-" + id);
    }, this);
    this.el.feelRange = document.getElementById("feel-range");
    this.el.feelValue = document.getElementById("feel-value");
    this.el.feelSave = document.getElementById("feel-save");
  }

  // The index of the first item from ``index`` on that was not logged today.
  Player.prototype.nextUndone = function (index) {
    while (index < this.script.length && this.script[index].done) { index += 1; }
    return index;
  };

  Player.prototype.speak = function (text) {
    if (!this.el.speak.checked || !("speechSynthesis" in window)) { return; }
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
  };

  Player.prototype.showItem = function () {
    var item = this.script[this.itemIndex];
    this.item = item;
    this.segIndex = 0;
    this.elapsed = 0;
    this.el.count.textContent = "Exercise " + (this.itemIndex + 1) + " of " + this.script.length;
    this.el.item.textContent = item.title;
    this.el.steps.replaceChildren.apply(this.el.steps, item.steps.map(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      return li;
    }));
    this.showPictures(item.id);
    this.el["stop-item"].value = item.id;
    this.el.feel.hidden = true;
    this.loadSegment(false);
  };

  // The pictures are drawn once in the list below; the player shows a copy of the current pair.
  Player.prototype.showPictures = function (id) {
    var source = document.getElementById("pictures-" + id);
    var copy = source ? source.cloneNode(true) : null;
    if (copy) { copy.removeAttribute("id"); }
    this.el.pictures.replaceChildren.apply(this.el.pictures, copy ? [copy] : []);
  };

  Player.prototype.loadSegment = function (announce) {
    this.segment = this.item.segments[this.segIndex];
    this.remaining = this.segment.seconds;
    this.el.label.textContent = this.segment.label;
    if (announce) { this.speak(this.segment.label); }
    this.render();
  };

  Player.prototype.render = function () {
    this.el.time.textContent = clock(this.remaining);
    var share = Math.min(100, Math.round((this.done / this.total) * 100));
    this.el.progress.max = this.total;
    this.el.progress.value = Math.min(this.done, this.total);
    this.el.progress.textContent = share + "%";
    this.el["stop-seconds"].value = Math.round(this.elapsed);
  };

  Player.prototype.tick = function () {
    var now = performance.now();
    var step = (now - this.last) / 1000;
    this.last = now;
    this.remaining -= step;
    this.elapsed += step;
    this.done += step;
    if (this.remaining <= 0) { this.nextSegment(); } else { this.render(); }
  };

  Player.prototype.start = function () {
    if (this.timer) { return; }
    this.last = performance.now();
    this.timer = window.setInterval(this.tick.bind(this), TICK_MS);
    this.root.classList.add("running");
    this.el.toggle.textContent = "Pause";
    this.speak(this.segment.label);
  };

  Player.prototype.pause = function () {
    if (this.timer) { window.clearInterval(this.timer); }
    this.timer = null;
    this.root.classList.remove("running");
    this.el.toggle.textContent = "Resume";
  };

  Player.prototype.nextSegment = function () {
    this.done += Math.max(this.remaining, 0);
    this.segIndex += 1;
    if (this.segIndex >= this.item.segments.length) { this.finishItem(); return; }
    this.loadSegment(true);
  };

  Player.prototype.finishItem = function () {
    this.pause();
    this.el.toggle.textContent = "Start";
    this.remaining = 0;
    this.render();
    this.el.feel.hidden = false;
    document.getElementById("feel-title").focus();
    this.speak("Well done. How did that feel?");
  };

  Player.prototype.skipItem = function () {
    this.pause();
    this.done += this.item.segments.slice(this.segIndex).reduce(function (s, seg) {
      return s + seg.seconds;
    }, 0) - (this.segment.seconds - this.remaining);
    this.nextItem();
  };

  Player.prototype.nextItem = function () {
    this.itemIndex = this.nextUndone(this.itemIndex + 1);
    if (this.itemIndex >= this.script.length) { this.finish(); return; }
    this.el.toggle.textContent = "Start";
    this.showItem();
    this.el.item.focus();
  };

  // ``quiet``: the session was already done when the page opened, so nothing is announced
  // and the focus stays where the page put it.
  Player.prototype.finish = function (quiet) {
    this.done = this.total;
    this.remaining = 0;
    this.elapsed = 0;
    this.render();
    this.el.count.textContent = "";
    this.el.item.textContent = "Today's session";
    this.el.label.textContent = "";
    this.root.querySelector(".actions").hidden = true;
    document.getElementById("player-stop").hidden = true;
    // Nothing is left to do, so the steps, pictures and read-aloud choice go with the buttons.
    this.el.steps.closest("details").hidden = true;
    this.el.pictures.hidden = true;
    document.getElementById("player-speak").closest(".option").hidden = true;
    this.el.feel.hidden = true;
    this.el.finished.hidden = false;
    if (quiet) { return; }
    document.getElementById("finished-title").focus();
    this.speak("Session done. Well done!");
  };

  function csrfToken() {
    var meta = document.querySelector("meta[name='csrf-token']");
    return meta ? meta.getAttribute("content") : "";
  }

  Player.prototype.save = function () {
    var self = this;
    var body = {
      date: localDate(),
      item_id: this.item.id,
      duration_seconds: Math.round(this.elapsed),
      felt: parseInt(this.el.feelRange.value, 10)
    };
    this.el.status.textContent = "Saving…";
    fetch("/api/v1/patients/" + this.patient + "/sessions", {
      method: "POST",
      // The session's CSRF token (from the page's meta tag): the API refuses a signed-in
      // browser's write without it.
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken() },
      body: JSON.stringify(body)
    }).then(function (response) {
      self.el.status.textContent = response.ok ? "Saved." : "This exercise could not be saved.";
      if (response.ok) { self.item.done = true; }
      self.nextItem();
    }, function () {
      self.el.status.textContent = "No connection: this exercise was not saved.";
      self.nextItem();
    });
  };

  Player.prototype.wire = function () {
    var self = this;
    this.el.toggle.addEventListener("click", function () {
      if (self.timer) { self.pause(); } else { self.start(); }
    });
    this.el["skip-step"].addEventListener("click", function () { self.nextSegment(); });
    this.el["skip-item"].addEventListener("click", function () { self.skipItem(); });
    this.el.feelRange.addEventListener("input", function () {
      self.el.feelValue.value = self.el.feelRange.value;
    });
    this.el.feelSave.addEventListener("click", function () { self.save(); });
    document.querySelectorAll(".local-date").forEach(function (input) { input.value = localDate(); });
  };

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("player");
    var data = document.getElementById("session-script");
    if (!root || !data) { return; }
    var script = JSON.parse(data.textContent);
    if (!script.length) { return; }
    var player = new Player(root, script);
    root.hidden = false;
    player.wire();
    if (player.itemIndex >= script.length) { player.finish(true); return; }
    player.showItem();
  });
})();
