// Starts GOV.UK Frontend's components (error summary focus, notification banners, service navigation
// menu, checkboxes, radios, ...) on page load, and again on any content htmx swaps into the page.
import { initAll } from "../govuk/govuk-frontend.min.js";

function reportError(error) {
  // A component that is already running says so with an InitError: harmless when rescanning after a swap.
  if (error && error.name === "InitError") {
    return;
  }
  console.error(error);
}

initAll({ onError: reportError });

if (window.htmx) {
  window.htmx.onLoad((element) => {
    if (!(element instanceof Element) || element === document.body) {
      return;
    }
    // initAll looks below its scope, so scan from the parent to include the swapped element itself.
    initAll({ scope: element.parentElement || element, onError: reportError });
  });
}
