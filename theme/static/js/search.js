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
  var shards = [];  // [{path, newest, oldest, instance}] newest first; see plugins/disclosure/outputs/search.py
  var current = [];
  var shown = 0;
  var generation = 0;

  function text(tag, value, className) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (className) el.className = className;
    return el;
  }

  async function instanceOf(shard) {
    if (!shard.instance) {
      shard.instance = await import(base + "/" + shard.path + "/pagefind.js");
      await shard.instance.options({ baseUrl: base + "/", excerptLength: 40 });
      await shard.instance.init();
    }
    return shard.instance;
  }

  // Shards that can hold a result: the first (it also holds guides, lists, statistics)
  // and any whose decision dates overlap the chosen year.
  function shardsFor(filters) {
    var year = filters["年份"] ? parseInt(filters["年份"], 10) : null;
    return shards.filter(function (shard, index) {
      if (index === 0 || !year || !shard.newest) return true;
      return parseInt(shard.oldest, 10) <= year && year <= parseInt(shard.newest, 10);
    });
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
    var box = document.getElementById("search-filters");
    box.hidden = false;
    // Folded on phones (the results come first); open where there is room.
    if (window.matchMedia("(min-width: 40rem)").matches) box.open = true;
  }

  // 文书号 such as 示发改许〔2026〕15号: Pagefind splits on the brackets anyway, and
  // spaces make each part a word of its own, which ranks the exact decision first.
  function normaliseQuery(query) {
    return query.replace(/[〔〕\[\]【】（）()]/g, " ").replace(/\s+/g, " ").trim();
  }

  // One word with a digit, six characters or more: a 文书号, a code or a certificate number.
  function identifierLike(query) {
    return query.length >= 6 && !/\s/.test(query) && /\d/.test(query);
  }

  function compact(value) {
    return value.replace(/[\s〔〕\[\]【】（）()]/g, "");
  }

  // An exact 文书号 or 统一社会信用代码 (the decision pages' register fields, see
  // theme/templates/decision.html) first, then results whose title holds the whole query.
  async function exactFirst(results, query) {
    var head = results.slice(0, 30);
    var data = await Promise.all(head.map(function (r) { return r.data(); }));
    var wanted = compact(query).toUpperCase();
    var exact = [], inTitle = [], rest = [];
    head.forEach(function (r, i) {
      var meta = data[i].meta || {};
      if (wanted && (compact(meta.docno || "").toUpperCase() === wanted || compact(meta.code || "").toUpperCase() === wanted)) {
        exact.push(r);
      } else if (wanted && compact(meta.title || "").toUpperCase().indexOf(wanted) !== -1) {
        inTitle.push(r);
      } else {
        rest.push(r);
      }
    });
    return exact.concat(inTitle, rest, results.slice(30));
  }

  // A decision's result reads like a register entry: its fields, then a snippet of the facts.
  var FIELDS = [["kind", "类别"], ["docno", "文书号"], ["party", "当事人"], ["authority", "机关"], ["date", "决定日期"]];

  function fields(meta) {
    var dl = document.createElement("dl");
    dl.className = "result-fields";
    FIELDS.forEach(function (field) {
      if (!meta[field[0]]) return;
      var div = document.createElement("div");
      div.appendChild(text("dt", field[1]));
      div.appendChild(text("dd", meta[field[0]]));
      dl.appendChild(div);
    });
    return dl;
  }

  // The query's words, and the words Pagefind matched (it splits 光伏组件 into 光伏 and 组件),
  // marked in plain text, built as nodes (the text is never parsed as HTML).
  function marked(value, query, excerpt) {
    var p = document.createElement("p");
    var words = normaliseQuery(query || "").split(" ");
    (excerpt || "").replace(/<mark>([^<]*)<\/mark>/g, function (match, word) { words.push(word); return match; });
    words = words.filter(function (w) { return w; }).sort(function (a, b) { return b.length - a.length; });
    var at = 0;
    while (at < value.length) {
      var next = -1, length = 0;
      words.forEach(function (word) {
        var found = value.indexOf(word, at);
        if (found !== -1 && (next === -1 || found < next)) { next = found; length = word.length; }
      });
      if (next === -1) break;
      p.appendChild(document.createTextNode(value.slice(at, next)));
      p.appendChild(text("mark", value.slice(next, next + length)));
      at = next + length;
    }
    p.appendChild(document.createTextNode(value.slice(at)));
    return p;
  }

  function snippet(item, query) {
    var facts = item.meta && item.meta.facts;
    var plain = (item.excerpt || "").replace(/<\/?mark>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&").trim();
    if (!facts || (plain && facts.indexOf(plain) !== -1)) {
      var excerpt = document.createElement("p");
      excerpt.innerHTML = item.excerpt; // Pagefind escapes page text; only <mark> is added.
      return excerpt;
    }
    return marked(facts, query, item.excerpt);
  }

  function chosenFilters() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) filters[select.getAttribute("data-filter")] = select.value;
    });
    return filters;
  }

  async function showMore() {
    var query = input.value.trim();
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
      if (item.meta && item.meta.docno) li.appendChild(fields(item.meta));
      var excerpt = snippet(item, query);
      excerpt.className = "result-snippet";
      li.appendChild(excerpt);
      list.appendChild(li);
    });
    shown += batch.length;
    more.hidden = shown >= current.length;
  }

  function announce(query, finished) {
    var text = current.length
      ? "找到 " + current.length + " 条结果" + (query ? "（关键词：" + query + "）" : "")
      : (finished ? "没有找到结果。可以换一个关键词，或减少筛选条件。" : "");
    statusLine.textContent = text + (finished ? "" : (text ? "，" : "") + "正在查找更早的记录……");
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
    if (!query && !Object.keys(filters).length) {
      statusLine.textContent = "";
      return;
    }
    statusLine.textContent = "正在搜索……";
    var options = { filters: filters };
    if (sort.value) options.sort = { date: sort.value };
    var order = shardsFor(filters);
    if (sort.value === "asc") order = order.slice().reverse();
    // A 文书号 or 统一社会信用代码 is also asked as an exact phrase: Pagefind matches
    // 〔2026〕, [2026] and (2026) alike, and 1号 not inside 12号; those answers come first.
    var phrase = !sort.value && identifierLike(query) ? '"' + query.replace(/"/g, "") + '"' : null;
    var exactHits = [], others = [];
    // Newest shard first: its answers are shown at once, older shards' are appended.
    for (var i = 0; i < order.length; i += 1) {
      var pagefind = await instanceOf(order[i]);
      var search = await pagefind.search(query ? normaliseQuery(query) : null, options);
      var exact = phrase ? (await pagefind.search(phrase, options)).results : [];
      if (mine !== generation) return;
      var exactIds = {};
      exact.forEach(function (r) { exactIds[r.id] = true; });
      var rest = search.results.filter(function (r) { return !exactIds[r.id]; });
      if (!sort.value) {
        // Relevance: rank every shard's answers together, the exact 文书号 or code first.
        exactHits = exactHits.concat(exact);
        others = others.concat(rest).sort(function (a, b) { return b.score - a.score; });
        current = exactHits.concat(others);
        if (query) current = await exactFirst(current, query);
        if (mine !== generation) return;
        list.innerHTML = "";
        shown = 0;
      } else {
        current = current.concat(rest);
      }
      announce(query, i === order.length - 1);
      if (shown < PAGE) await showMore();
      else more.hidden = false;
    }
  }

  async function start() {
    var answers = await Promise.all([
      fetch(base + "/pagefind/shards.json").then(function (r) { return r.json(); }),
      fetch(base + "/pagefind/filters.json").then(function (r) { return r.json(); }),
    ]);
    shards = answers[0];
    fillFilters(answers[1]);
    await instanceOf(shards[0]);
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
