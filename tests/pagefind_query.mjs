// Query a built site's Pagefind index for real, from Node, the way the browser does.
// Usage: node pagefind_query.mjs SITE_DIR QUERY [FILTERS_JSON]
// Prints {"count": n, "results": [{url, title, excerpt, filters}]}.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const [site, query, filtersJson] = process.argv.slice(2);
const bundle = path.resolve(site, "pagefind");

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

const pagefind = await import(pathToFileURL(path.join(bundle, "pagefind.js")).href);
await pagefind.options({ basePath: bundle + "/", baseUrl: "/" });
await pagefind.init();
const search = await pagefind.search(query === "" ? null : query, { filters: JSON.parse(filtersJson || "{}") });
const data = await Promise.all(search.results.map((r) => r.data()));
console.log(JSON.stringify({
  count: search.results.length,
  results: data.map((r) => ({ url: r.url, title: r.meta.title, excerpt: r.excerpt, filters: r.filters })),
}));
