/* Accessibility helpers for every page (loaded by templates/base.html).
 *
 * A wide table inside .table-responsive scrolls sideways on a phone. Keyboard users can only scroll
 * it when the scrolling box can take focus, so such a box gets tabindex="0", role="region" and a name
 * (its table's caption). Boxes that do not overflow are left alone: no useless tab stop.
 */
(function () {
  "use strict";
  var label = document.documentElement.lang === "en" ? "Scrollable table" : "Bảng cuộn ngang";

  function markScrollable() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      var overflows = box.scrollWidth > box.clientWidth + 1;
      var ours = box.hasAttribute("data-a11y-scroll");
      if (overflows && !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-a11y-scroll", "");
        if (!box.hasAttribute("role")) box.setAttribute("role", "region");
        if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
          box.setAttribute("aria-label", caption ? caption.textContent.trim() : label);
        }
      } else if (!overflows && ours) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-a11y-scroll");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  var timer = null;
  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(markScrollable, 150);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markScrollable);
  } else {
    markScrollable();
  }
  window.addEventListener("resize", later);
  window.addEventListener("load", markScrollable);
})();
