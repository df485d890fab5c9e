// Loaded as the first thing in <body>, before anything is painted: tells GOV.UK Frontend's CSS that
// JavaScript runs (js-enabled) and that this browser can run its components (govuk-frontend-supported).
// A file rather than GOV.UK's inline snippet, so a Content-Security-Policy need not allow inline scripts.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
