// The book's HTML behaviour, on top of Furo.
//
// A code block that scrolls sideways (79-column code on a phone) can take
// keyboard focus, so it can be scrolled without a mouse (WCAG 2.1.1; axe's
// rule scrollable-region-focusable).  It is named "code listing" for
// screen readers.  Blocks that fit lose the tab stop again on resize.

function bookFocusableCode() {
  for (const pre of document.querySelectorAll("div.highlight pre")) {
    if (pre.scrollWidth > pre.clientWidth) {
      pre.setAttribute("tabindex", "0");
      pre.setAttribute("role", "region");
      pre.setAttribute("aria-label", "code listing");
    } else if (pre.getAttribute("role") === "region") {
      pre.removeAttribute("tabindex");
      pre.removeAttribute("role");
      pre.removeAttribute("aria-label");
    }
  }
}

document.addEventListener("DOMContentLoaded", bookFocusableCode);
window.addEventListener("resize", bookFocusableCode);
