// "Add a row" for Django formsets laid out by campaigns/_formset.html and _criteria_formset.html.
// Without JS the pages still work: each formset already offers blank rows.
// A formset's empty row sits in <template data-formset-empty="PREFIX">; its field names hold
// "PREFIX-__prefix__". Only that exact prefix is replaced, so a nested formset's own template
// ("PREFIX-N-targets-__prefix__") is left for its own button.
(function () {
  "use strict";

  function showButtons(root) {
    root.querySelectorAll("[data-formset-add]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function nextOrder(body) {
    var max = 0;
    body.querySelectorAll("input.row-order").forEach(function (input) {
      // Only the rows of this formset, not those of a nested one.
      if (input.closest("[data-formset-body]") !== body) return;
      var value = parseInt(input.value, 10);
      if (!isNaN(value) && value > max) max = value;
    });
    return max + 1;
  }

  function addRow(prefix, button) {
    var container = button.closest('[data-formset="' + prefix + '"]');
    var total = container.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    var body = container.querySelector('[data-formset-body="' + prefix + '"]');
    var template = container.querySelector('template[data-formset-empty="' + prefix + '"]');
    if (!total || !body || !template) return;
    var index = parseInt(total.value, 10);
    var order = nextOrder(body);
    var html = template.innerHTML.split(prefix + "-__prefix__").join(prefix + "-" + index);
    var holder = document.createElement(body.tagName === "TBODY" ? "tbody" : "div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    while (holder.firstChild) body.appendChild(holder.firstChild);
    total.value = index + 1;
    if (!row) return;
    showButtons(row);
    var orderInput = row.querySelector('input[name="' + prefix + "-" + index + '-order"]');
    // A hint only: a value would make an untouched new row count as filled in (and fail validation).
    if (orderInput) orderInput.placeholder = order;
    var first = row.querySelector("input:not([type=hidden]), textarea, select");
    if (first) first.focus();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-formset-add]");
    if (!button) return;
    event.preventDefault();
    addRow(button.getAttribute("data-formset-add"), button);
  });

  document.addEventListener("DOMContentLoaded", function () {
    showButtons(document);
  });
})();
