// The book's HTML behaviour, on top of Furo.
//
// A code block that scrolls sideways (79-column code on a phone) can take
// keyboard focus, so it can be scrolled without a mouse (WCAG 2.1.1; axe's
// rule scrollable-region-focusable).  It is a group named by its version
// label, or "code listing", for screen readers.  Blocks that fit lose the
// tab stop again on resize.

function bookFocusableCode() {
  for (const pre of document.querySelectorAll("div.highlight pre")) {
    if (pre.scrollWidth > pre.clientWidth) {
      // A group, not a region: a landmark for every block filled the
      // screen reader's landmark list (independent web review, W8).  It
      // is named by its version label where it has one.
      const label = pre.closest("figure.pyversion > *")
        ? pre.closest("figure.pyversion").getAttribute("aria-labelledby")
        : null;
      pre.setAttribute("tabindex", "0");
      pre.setAttribute("role", "group");
      if (label) {
        pre.setAttribute("aria-labelledby", label);
        pre.removeAttribute("aria-label");
      } else {
        pre.setAttribute("aria-label", "code listing");
      }
    } else if (pre.getAttribute("role") === "group") {
      pre.removeAttribute("tabindex");
      pre.removeAttribute("role");
      pre.removeAttribute("aria-label");
      pre.removeAttribute("aria-labelledby");
    }
  }
}

document.addEventListener("DOMContentLoaded", bookFocusableCode);
window.addEventListener("resize", bookFocusableCode);
