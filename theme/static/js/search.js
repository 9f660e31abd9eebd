// Search box for the column, on Pagefind's JavaScript API (same origin only).
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;
  var base = form.getAttribute("data-base") || "";
  var input = document.getElementById("search-query");
  var statusLine = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var sort = document.getElementById("search-sort");
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var PAGE = 10;
  var pagefind = null;
  var current = [];
  var shown = 0;
  var generation = 0;

  function text(tag, value, className) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (className) el.className = className;
    return el;
  }

  function fillFilters(filters) {
    selects.forEach(function (select) {
      var values = filters[select.getAttribute("data-filter")] || {};
      Object.keys(values).sort().reverse().forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value + "（" + values[value] + "）";
        select.appendChild(option);
      });
    });
    document.getElementById("search-filters").hidden = false;
  }

  // 文书号 such as 示发改许〔2026〕15号: Pagefind splits on the brackets anyway, and
  // spaces make each part a word of its own, which ranks the exact decision first.
  function normaliseQuery(query) {
    return query.replace(/[〔〕\[\]【】（）()]/g, " ").replace(/\s+/g, " ").trim();
  }

  function compact(value) {
    return value.replace(/[\s〔〕\[\]【】（）()]/g, "");
  }

  // Put results whose title holds the whole query (an exact 文书号 or name) first.
  async function exactFirst(results, query) {
    var head = results.slice(0, 30);
    var data = await Promise.all(head.map(function (r) { return r.data(); }));
    var wanted = compact(query);
    var exact = [], rest = [];
    head.forEach(function (r, i) {
      var title = compact((data[i].meta && data[i].meta.title) || "");
      (wanted && title.indexOf(wanted) !== -1 ? exact : rest).push(r);
    });
    return exact.concat(rest, results.slice(30));
  }

  function chosenFilters() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) filters[select.getAttribute("data-filter")] = select.value;
    });
    return filters;
  }

  async function showMore() {
    var batch = current.slice(shown, shown + PAGE);
    var mine = generation;
    var data = await Promise.all(batch.map(function (r) { return r.data(); }));
    if (mine !== generation) return;
    data.forEach(function (item) {
      var li = document.createElement("li");
      var link = text("a", (item.meta && item.meta.title) || item.url);
      link.href = item.url;
      var heading = document.createElement("h2");
      heading.appendChild(link);
      li.appendChild(heading);
      var excerpt = document.createElement("p");
      excerpt.innerHTML = item.excerpt; // Pagefind escapes page text; only <mark> is added.
      li.appendChild(excerpt);
      list.appendChild(li);
    });
    shown += batch.length;
    more.hidden = shown >= current.length;
  }

  async function run() {
    var query = input.value.trim();
    var filters = chosenFilters();
    generation += 1;
    var mine = generation;
    list.innerHTML = "";
    more.hidden = true;
    if (!query && !Object.keys(filters).length) {
      statusLine.textContent = "";
      return;
    }
    statusLine.textContent = "正在搜索……";
    var options = { filters: filters };
    if (sort.value) options.sort = { date: sort.value };
    var search = await pagefind.search(query ? normaliseQuery(query) : null, options);
    if (mine !== generation) return;
    current = query && !sort.value ? await exactFirst(search.results, query) : search.results;
    if (mine !== generation) return;
    shown = 0;
    statusLine.textContent = current.length
      ? "找到 " + current.length + " 条结果" + (query ? "（关键词：" + query + "）" : "")
      : "没有找到结果。可以换一个关键词，或减少筛选条件。";
    await showMore();
  }

  async function start() {
    pagefind = await import(base + "/pagefind/pagefind.js");
    await pagefind.options({ baseUrl: base + "/", excerptLength: 40 });
    await pagefind.init();
    fillFilters(await pagefind.filters());
    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) {
      input.value = params.get("q");
      run();
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value.trim());
    window.history.replaceState(null, "", url);
    run();
  });
  selects.concat([sort]).forEach(function (select) { select.addEventListener("change", run); });
  more.addEventListener("click", showMore);
  start().catch(function () {
    statusLine.textContent = "搜索索引加载失败，请稍后再试，或直接浏览各栏目列表。";
  });
})();
