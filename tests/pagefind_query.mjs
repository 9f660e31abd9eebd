// Query a built site's Pagefind shards for real, from Node, the way the search box does:
// every shard listed in pagefind/shards.json, newest first, results concatenated.
// Usage: node pagefind_query.mjs SITE_DIR QUERY [FILTERS_JSON]
// Prints {"count": n, "shards": k, "results": [{url, title, excerpt, filters}]}.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const [site, query, filtersJson] = process.argv.slice(2);
const root = path.resolve(site);

// Pagefind fetches its index files relative to its own script; serve them from disk.
globalThis.fetch = async (resource) => {
  let target = String(resource).split("?")[0];
  if (target.startsWith("file://")) target = fileURLToPath(target);
  const bytes = await readFile(target);
  return {
    ok: true,
    status: 200,
    json: async () => JSON.parse(bytes.toString("utf-8")),
    text: async () => bytes.toString("utf-8"),
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  };
};

const shards = JSON.parse(await readFile(path.join(root, "pagefind", "shards.json"), "utf-8"));
const filters = JSON.parse(filtersJson || "{}");
let results = [];
for (const shard of shards) {
  const bundle = path.join(root, shard.path);
  const pagefind = await import(pathToFileURL(path.join(bundle, "pagefind.js")).href);
  await pagefind.options({ basePath: bundle + "/", baseUrl: "/" });
  await pagefind.init();
  const search = await pagefind.search(query === "" ? null : query, { filters });
  const data = await Promise.all(search.results.map((r) => r.data()));
  results = results.concat(data.map((r, i) => ({
    url: r.url, title: r.meta.title, excerpt: r.excerpt, filters: r.filters, meta: r.meta, score: search.results[i].score,
  })));
}
// Like the search box in relevance order: all shards' answers ranked by Pagefind's score.
results.sort((a, b) => b.score - a.score);
console.log(JSON.stringify({ count: results.length, shards: shards.length, results }));
