// 执法证件核验: looks the number up in the officers table already on the page,
// so it works offline once loaded. Without JavaScript the table itself answers.
// verify.html?cert=NUMBER (the QR code on a certificate, see make qrcodes) answers at once.
(function () {
  "use strict";
  var form = document.getElementById("verify-form");
  var input = document.getElementById("cert-number");
  var result = document.getElementById("verify-result");
  if (!form || !input || !result) return;
  var phone = result.getAttribute("data-phone") || "";

  function normalise(value) {
    return value.replace(/[\s\-－—]/g, "").toUpperCase();
  }

  var rows = {};
  Array.prototype.forEach.call(document.querySelectorAll("tr[data-cert]"), function (row) {
    rows[normalise(row.getAttribute("data-cert"))] = row;
  });

  function line(label, value) {
    var p = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = label + "：";
    p.appendChild(strong);
    p.appendChild(document.createTextNode(value));
    return p;
  }

  function heading(value) {
    var h2 = document.createElement("h2");
    h2.textContent = value;
    return h2;
  }

  function check(typed) {
    var number = normalise(typed);
    result.innerHTML = "";
    result.className = "verify-result";
    if (!number) {
      result.appendChild(line("请输入", "执法证件上的执法证号"));
      return;
    }
    var row = rows[number];
    if (row) {
      result.classList.add("verify-ok");
      result.appendChild(heading("核验通过：该证号属于本机关在岗、证件有效的执法人员"));
      Array.prototype.forEach.call(row.cells, function (cell) {
        result.appendChild(line(cell.getAttribute("data-label"), cell.textContent));
      });
      result.appendChild(line("请核对", "出示证件的人与证件上的姓名、照片一致。如有疑问，请拨打本机关电话 " + phone + " 核实。"));
    } else {
      result.classList.add("verify-fail");
      result.appendChild(heading("未找到：" + typed.trim() + " 不是本机关在岗且证件有效的执法人员"));
      result.appendChild(line("请核对", "输入的证号与证件上的是否完全一致（字母和数字）。"));
      result.appendChild(line("联合执法时", "其他机关执法人员的证件，请向其所属机关核实。"));
      result.appendChild(line("向本机关核实", "请拨打 " + phone + "，询问该证号是否有效、持证人是否在岗。"));
    }
    result.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("cert", input.value.trim());
    url.hash = "";
    window.history.replaceState(null, "", url);
    check(input.value);
  });

  var asked = new URLSearchParams(window.location.search).get("cert");
  if (asked) {
    input.value = asked;
    check(asked);
  }
})();
