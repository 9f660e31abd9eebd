// One search over every agency's column, on Pagefind's JavaScript API (same origin only).
// The agencies' bundles (copied into search/<slug>/, see plugins/disclosure/portal/search.py)
// are merged into one Pagefind instance (Pagefind's multisite mergeIndex), each with the
// filter 执法机关 = its name: one WebAssembly download, one ranking over every agency.
// Bundles are merged a few at a time, newest shards first, and the answers shown after
// each step, so a first search downloads only the first agencies' index chunks.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;
  var base = form.getAttribute("data-base") || "";
  var input = document.getElementById("search-query");
  var agencySelect = document.getElementById("filter-agency");
  var statusLine = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var PAGE = 10;
  var BATCH = 4;  // bundles merged per step: bounds what a first search downloads
  var AGENCY_FILTER = "执法机关";
  var agencies = [];
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

  function bundleUrl(shard) {
    return base + "/" + shard.path + "/";
  }

  // The first bundle asked becomes the instance; every other one is merged into it once.
  async function include(item) {
    if (item.shard.merged) return;
    item.shard.merged = true;
    var options = { baseUrl: (item.agency.url || "") + "/", mergeFilter: {} };
    options.mergeFilter[AGENCY_FILTER] = item.agency.name;
    if (!pagefind) {
      pagefind = await import(bundleUrl(item.shard) + "pagefind.js");
      options.excerptLength = 40;
      await pagefind.options(options);
      await pagefind.init();
    } else {
      await pagefind.mergeIndex(bundleUrl(item.shard), options);
    }
  }

  function agencyOf(url) {
    for (var i = 0; i < agencies.length; i += 1) {
      if (agencies[i].url && url.indexOf(agencies[i].url + "/") === 0) return agencies[i].name;
    }
    return "";
  }

  function chosenFilters() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) filters[select.getAttribute("data-filter")] = select.value;
    });
    return filters;
  }

  // [(agency, shard)] to ask, in order: every chosen agency's newest shard, then older ones.
  function plan(filters) {
    var chosen = agencies.filter(function (a) { return !agencySelect.value || a.slug === agencySelect.value; });
    var year = filters["年份"] ? parseInt(filters["年份"], 10) : null;
    var first = [], older = [];
    chosen.forEach(function (agency) {
      agency.shards.forEach(function (shard, index) {
        if (index && year && shard.newest && (parseInt(shard.oldest, 10) > year || year > parseInt(shard.newest, 10))) return;
        (index ? older : first).push({ agency: agency, shard: shard });
      });
    });
    return first.concat(older);
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

  function normaliseQuery(query) {
    return query.replace(/[〔〕\[\]【】（）()]/g, " ").replace(/\s+/g, " ").trim();
  }

  async function showMore() {
    var batch = current.slice(shown, shown + PAGE);
    var mine = generation;
    var data = await Promise.all(batch.map(function (r) { return r.data(); }));
    if (mine !== generation) return;
    data.forEach(function (item, i) {
      var li = document.createElement("li");
      var link = text("a", (item.meta && item.meta.title) || item.url);
      link.href = item.url;
      var heading = document.createElement("h2");
      heading.appendChild(link);
      li.appendChild(heading);
      li.appendChild(text("p", agencyOf(item.url), "search-agency"));
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
    current = [];
    shown = 0;
    if (!query && !Object.keys(filters).length && !agencySelect.value) {
      statusLine.textContent = "";
      return;
    }
    statusLine.textContent = "正在搜索……";
    var order = plan(filters);
    if (agencySelect.value) {
      var chosen = agencies.filter(function (a) { return a.slug === agencySelect.value; })[0];
      filters[AGENCY_FILTER] = chosen.name;
    }
    for (var i = 0; i < order.length; i += BATCH) {
      for (var j = i; j < Math.min(i + BATCH, order.length); j += 1) await include(order[j]);
      var search = await pagefind.search(query ? normaliseQuery(query) : null, { filters: filters });
      if (mine !== generation) return;
      current = search.results;
      list.innerHTML = "";
      shown = 0;
      await showMore();
      if (mine !== generation) return;
      // Said after the answers are on the page: "found" means they can be read.
      var finished = i + BATCH >= order.length;
      statusLine.textContent = (current.length ? "找到 " + current.length + " 条结果" : (finished ? "没有找到结果。可以换一个关键词，或减少筛选条件。" : ""))
        + (finished ? "" : (current.length ? "，" : "") + "正在查找其他机关和更早的记录……");
    }
  }

  async function start() {
    var answers = await Promise.all([
      fetch(base + "/search/agencies.json").then(function (r) { return r.json(); }),
      fetch(base + "/search/filters.json").then(function (r) { return r.json(); }),
    ]);
    agencies = answers[0];
    fillFilters(answers[1]);
    var params = new URLSearchParams(window.location.search);
    if (params.get("agency")) agencySelect.value = params.get("agency");
    if (params.get("q")) {
      input.value = params.get("q");
      run();
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value.trim());
    if (agencySelect.value) url.searchParams.set("agency", agencySelect.value); else url.searchParams.delete("agency");
    window.history.replaceState(null, "", url);
    run();
  });
  selects.concat([agencySelect]).forEach(function (select) { select.addEventListener("change", run); });
  more.addEventListener("click", showMore);
  start().catch(function () {
    statusLine.textContent = "搜索索引加载失败，请稍后再试，或从各执法机关的专栏浏览。";
  });
})();
