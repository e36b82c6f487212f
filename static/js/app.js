/* Behaviour shared by every page (loaded by templates/base.html). The Content-Security-Policy allows no
 * inline script or on*= handler, so pages declare behaviour with data attributes:
 *
 *   <form data-confirm="Kết thúc phong trào này?">  asks before the form is sent (Cancel keeps the page);
 *   <button data-confirm="…">                       asks before that button submits or follows;
 *   <select data-autosubmit>                         sends its form when the choice changes.
 */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var message = (submitter && submitter.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-confirm]");
    if (link && !window.confirm(link.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("select[data-autosubmit]") && field.form) {
      field.form.submit();
    }
  });
})();
