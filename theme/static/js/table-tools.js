// Sort and filter for the lists, as an enhancement: without JavaScript the tables are
// complete as they are. Applies to every <table data-sortable>.
(function () {
  "use strict";
  var collator = new Intl.Collator("zh-CN", { numeric: true });

  function cellText(row, index) {
    return (row.cells[index] && row.cells[index].textContent.trim()) || "";
  }

  function enhance(table, number) {
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);

    var wrapper = document.createElement("div");
    wrapper.className = "table-filter";
    var label = document.createElement("label");
    label.setAttribute("for", "table-filter-" + number);
    label.textContent = "在本表中筛选";
    var input = document.createElement("input");
    input.type = "search";
    input.id = "table-filter-" + number;
    var status = document.createElement("p");
    status.className = "table-filter-status";
    status.setAttribute("role", "status");
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(status);
    var anchor = table.closest(".table-wrap") || table;
    anchor.parentNode.insertBefore(wrapper, anchor);

    input.addEventListener("input", function () {
      var words = input.value.trim().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent;
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        shown += match ? 1 : 0;
      });
      status.textContent = words.length ? "显示 " + shown + " / " + rows.length + " 行" : "";
    });

    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var order = collator.compare(cellText(a, index), cellText(b, index));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), enhance);
})();
