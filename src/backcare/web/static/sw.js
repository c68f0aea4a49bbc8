// Backcare's service worker: keeps the app's shell and the pages a person needs for today
// (plan, session, check-in) readable offline. Writes are never cached or retried here:
// offline.js queues check-ins and session logs and sends them again with an Idempotency-Key.
"use strict";

var VERSION = "1";
var SHELL = "backcare-shell-" + VERSION;
var PAGES = "backcare-pages-" + VERSION;
var SHELL_FILES = [
  "/static/backcare.css",
  "/static/print.css",
  "/static/app.js",
  "/static/htmx.min.js",
  "/static/offline.js",
  "/static/player.js",
  "/static/favicon.svg",
  "/manifest.webmanifest"
];
// Pages kept for reading offline: home, and each record's plan, session, check-in and
// weekly pages. Nothing else (no API answers, no exports, no account pages).
var KEPT_PAGES = /^\/($|patients\/[A-Za-z0-9_-]+\/(plan|session|checkin|weekly|progress)$)/;
var OFFLINE_PAGE =
  "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
  "<title>Offline · Backcare</title><link rel=\"stylesheet\" href=\"/static/backcare.css\">" +
  "</head><body><main id=\"main\"><h1>You are offline</h1>" +
  "<p>This page has not been opened on this device yet, so it cannot be shown without a " +
  "connection. Pages you opened before (your plan, today's session, the check-in) still work.</p>" +
  "<p>In an emergency call your local emergency number (999 in the UK, 112 in Europe, " +
  "911 in North America).</p></main></body></html>";

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL).then(function (cache) { return cache.addAll(SHELL_FILES); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("backcare-") === 0 && name !== SHELL && name !== PAGES;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

// Signing out forgets the kept pages: the next person on this device must not read them.
// "keep" asks for a record's plan, session and check-in pages to be kept after one visit to
// any of its pages, so today's session can be opened offline; each is fetched only when no
// copy is kept yet (a visit refreshes its own copy).
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "signed-out") {
    event.waitUntil(caches.delete(PAGES));
  } else if (data.type === "keep" && Array.isArray(data.paths)) {
    event.waitUntil(caches.open(PAGES).then(function (cache) {
      return Promise.all(data.paths.filter(function (path) {
        return typeof path === "string" && KEPT_PAGES.test(path);
      }).map(function (path) {
        return cache.match(path).then(function (kept) {
          if (kept) { return null; }
          return fetch(path, { credentials: "same-origin" }).then(function (response) {
            if (response.ok && !response.redirected) { return cache.put(path, response); }
            return null;
          });
        });
      }));
    }).catch(function () { return null; }));
  }
});

function fromShell(request) {
  return caches.match(request).then(function (kept) {
    var fresh = fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(SHELL).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    });
    return kept || fresh;
  });
}

function page(request) {
  return fetch(request).then(function (response) {
    var path = new URL(response.url).pathname;
    if (response.redirected && path === "/signin") {
      caches.delete(PAGES);  // signed out elsewhere: nothing of the record stays here
    } else if (response.ok && response.type === "basic") {
      var copy = response.clone();
      caches.open(PAGES).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.open(PAGES).then(function (cache) {
      return cache.match(request, { ignoreSearch: true, ignoreVary: true });
    }).then(function (kept) {
      return kept || new Response(OFFLINE_PAGE, {
        status: 503,
        headers: { "content-type": "text/html; charset=utf-8" }
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf("/static/") === 0 || url.pathname === "/manifest.webmanifest" ||
      url.pathname.indexOf("/icons/") === 0) {
    event.respondWith(fromShell(request));
    return;
  }
  if (request.mode === "navigate" && KEPT_PAGES.test(url.pathname)) {
    event.respondWith(page(request));
  }
});
