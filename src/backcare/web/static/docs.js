// Starts Swagger UI on the API description. A file, not an inline script, so /docs works
// under the Content-Security-Policy (script-src 'self'); the description's address comes
// from the page's data-openapi attribute.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("swagger-ui");
    window.ui = SwaggerUIBundle({
      url: root.dataset.openapi,
      dom_id: "#swagger-ui",
      layout: "BaseLayout",
      deepLinking: true,
      showExtensions: true,
      showCommonExtensions: true,
      // The default asks validator.swagger.io for a badge: no request leaves this server.
      validatorUrl: null,
      // A bearer token typed into "Authorize" is forgotten with the page, never stored.
      persistAuthorization: false,
      presets: [SwaggerUIBundle.presets.apis]
    });
  });
})();
