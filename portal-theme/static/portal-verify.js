// 执法证件核验 over every agency: looks the number up in the table already on the page,
// so it works offline once loaded. Without JavaScript the table itself answers.
(function () {
  "use strict";
  var form = document.getElementById("verify-form");
  var input = document.getElementById("cert-number");
  var result = document.getElementById("verify-result");
  if (!form || !input || !result) return;

  function normalise(value) {
    return value.replace(/[\s\-－—]/g, "").toUpperCase();
  }

  var rows = {};  // one number may be held in two agencies' lists: show every match
  Array.prototype.forEach.call(document.querySelectorAll("tr[data-cert]"), function (row) {
    var key = normalise(row.getAttribute("data-cert"));
    (rows[key] = rows[key] || []).push(row);
  });

  function line(label, value) {
    var p = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = label + "：";
    p.appendChild(strong);
    p.appendChild(document.createTextNode(value));
    return p;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var number = normalise(input.value);
    result.innerHTML = "";
    result.className = "verify-result";
    if (!number) {
      result.appendChild(line("请输入", "执法证件上的执法证号"));
      return;
    }
    var found = rows[number];
    if (found) {
      result.classList.add("verify-ok");
      var heading = document.createElement("h2");
      heading.textContent = "核验通过：该证号属于本市执法机关在岗、证件有效的执法人员";
      result.appendChild(heading);
      found.forEach(function (row) {
        Array.prototype.forEach.call(row.cells, function (cell) {
          result.appendChild(line(cell.getAttribute("data-label"), cell.textContent));
        });
      });
    } else {
      result.classList.add("verify-fail");
      var warning = document.createElement("h2");
      warning.textContent = "未找到：" + input.value.trim() + " 不是本市执法机关在岗且证件有效的执法人员";
      result.appendChild(warning);
      result.appendChild(line("建议", "请核对证号；如有疑问，可拒绝接受检查并拨打本页底部的联系电话核实或举报。"));
    }
    result.focus();
  });
})();
