// Offline: registers the service worker, and queues the check-in and session-log forms sent
// without a connection. Each queued write keeps the random Idempotency-Key it was given when
// first tried, and is sent again with it (and the page's CSRF token) when the device is back
// online: the server stores it once however many times it arrives.
(function () {
  "use strict";
  var QUEUE = "backcare-offline-queue";
  var QUEUED_FORMS = /^\/patients\/[A-Za-z0-9_-]+\/(checkin|session\/log)$/;
  var RETRY_MS = 30000;
  var sending = false;

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
      // Without a service worker the pages still work online; nothing to tell the person.
    });
  }

  function load() {
    try { return JSON.parse(window.localStorage.getItem(QUEUE) || "[]"); } catch (e) { return []; }
  }
  function save(queue) { window.localStorage.setItem(QUEUE, JSON.stringify(queue)); }

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function csrfToken() {
    var meta = document.querySelector("meta[name=csrf-token]");
    return meta ? meta.getAttribute("content") : "";
  }

  // The message goes under the form that was sent (where the person is looking), or at the
  // top of the page when it is about answers saved earlier.
  function say(text, form) {
    var box = document.getElementById("offline-status");
    if (!box) {
      var main = document.getElementById("main");
      if (!main) { return; }
      box = document.createElement("p");
      box.id = "offline-status";
      box.className = "notice";
      box.setAttribute("role", "status");
      if (form && form.parentNode) {
        form.parentNode.insertBefore(box, form.nextSibling);
      } else {
        main.insertBefore(box, main.firstChild);
      }
    }
    box.textContent = text;
    if (form && box.scrollIntoView) { box.scrollIntoView({ block: "nearest" }); }
  }

  function waiting(queue) {
    if (queue.length === 0) { return; }
    say(queue.length === 1
      ? "1 answer is saved on this device and will be sent when you are back online."
      : queue.length + " answers are saved on this device and will be sent when you are back online.");
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post") { return; }
    var action = new URL(form.action, window.location.href);
    if (action.origin !== window.location.origin) { return; }
    if (action.pathname === "/signout" || action.pathname === "/signout-everywhere") {
      if (navigator.serviceWorker && navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage({ type: "signed-out" });
      }
      return;
    }
    if (!QUEUED_FORMS.test(action.pathname) || navigator.onLine) { return; }
    event.preventDefault();
    var queue = load();
    queue.push({
      url: action.pathname,
      body: new URLSearchParams(new FormData(form)).toString(),
      key: newKey(),
      at: Date.now()
    });
    save(queue);
    // Pressed again, the same answers would be a second write with a new key: not allowed.
    Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (b) {
      b.disabled = true;
    });
    var saved = "Your answers are saved on this device and will be sent when you are back " +
        "online; nothing is counted twice.";
    // Offline, nothing can re-check a warning sign: the person must not wait for the queue.
    var warned = form.querySelector("input[name=warnings]:checked");
    say(warned
      ? "You are offline, so Backcare cannot check your answers yet. You ticked a warning " +
        "sign: do not wait. Contact a doctor today, or call your emergency number (999 in " +
        "the UK, 112 in Europe, 911 in North America) if it came on suddenly or is severe. " + saved
      : "You are offline. " + saved, form);
  });

  function settled(response) {
    // Delivered, or refused for good (the answers were not valid, the record is not yours):
    // either way sending it again cannot help. Kept: not signed in, a stale page, a server
    // or connection problem, which a later try can get past.
    if (response.redirected && new URL(response.url).pathname === "/signin") { return false; }
    if (response.ok) { return true; }
    return [400, 404, 409, 413, 422].indexOf(response.status) !== -1;
  }

  function flush() {
    var token = csrfToken();
    if (sending || !navigator.onLine || !token) { return; }
    var queue = load();
    if (queue.length === 0) { return; }
    var item = queue[0];
    sending = true;
    fetch(item.url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Idempotency-Key": item.key,
        "X-CSRF-Token": token
      },
      body: item.body
    }).then(function (response) {
      if (!settled(response)) { throw new Error("kept for later"); }
      save(load().filter(function (other) { return other.key !== item.key; }));
      var left = load();
      if (left.length === 0) { say("Your saved answers have been sent."); } else { waiting(left); }
      sending = false;
      flush();
    }).catch(function () {
      sending = false;
    });
  }

  // After one visit to any page of a record, its plan, session and check-in are kept too.
  function keepToday() {
    var record = window.location.pathname.match(/^\/patients\/([A-Za-z0-9_-]+)\//);
    var worker = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (!record || !worker || !navigator.onLine) { return; }
    var base = "/patients/" + record[1] + "/";
    worker.postMessage({ type: "keep", paths: [base + "plan", base + "session", base + "checkin"] });
  }

  window.addEventListener("online", flush);
  document.addEventListener("DOMContentLoaded", function () {
    waiting(load());
    flush();
    keepToday();
  });
  window.setInterval(flush, RETRY_MS);
}());
