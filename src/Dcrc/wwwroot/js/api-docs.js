// Browsable OpenAPI document (swagger-ui-dist from npm). Authorize with a token from POST /api/v1/auth/token.
window.addEventListener('load', function () {
  var el = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({ url: el.getAttribute('data-url'), dom_id: '#swagger-ui', persistAuthorization: false });
});
