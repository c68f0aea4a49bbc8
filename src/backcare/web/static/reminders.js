// Fills the reminder form's time zone with the browser's own, so the times are the person's.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var field = document.getElementById("time-zone");
    if (!field || field.dataset.touched) { return; }
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (zone) { field.value = zone; }
    } catch (ignored) { /* keep UTC */ }
  });
}());
