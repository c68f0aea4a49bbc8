// Small progressive enhancements; every page works without them (except the session timer).
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function focusHeading(root) {
    var target = root.querySelector("#error-summary") || root.querySelector("main h1");
    if (target) { target.focus(); }
  }

  function wireSliders(root) {
    root.querySelectorAll(".slider input[type=range]").forEach(function (input) {
      var output = root.querySelector("output[for='" + input.id + "']");
      if (!output) { return; }
      input.addEventListener("input", function () { output.value = input.value; });
    });
  }

  function wirePrint(root) {
    root.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function enhance(root) {
    wireSliders(root);
    wirePrint(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
    if (document.querySelector("#error-summary")) { focusHeading(document); }
  });
  // After htmx swaps in a new step, move focus to it so screen readers announce the change.
  document.addEventListener("htmx:afterSettle", function () {
    enhance(document);
    focusHeading(document);
  });
})();
