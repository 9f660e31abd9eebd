// Query a built portal's search for real, from Node, the way its search box does: the first
// bundle is the Pagefind instance, every other agency's bundles are merged into it (mergeIndex)
// with the filter 执法机关 = the agency's name; with AGENCY_SLUG (the agency filter) only that
// agency's bundles are loaded and the filter is applied.
// Usage: node portal_query.mjs PORTAL_DIR QUERY [FILTERS_JSON] [AGENCY_SLUG]
// Prints {"count": n, "asked": [slugs], "bytes": b, "results": [{agency, url, title, filters}]}.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const [site, query, filtersJson, agencySlug] = process.argv.slice(2);
const root = path.resolve(site);
let bytes = 0;

globalThis.fetch = async (resource) => {
  let target = String(resource).split("?")[0];
  if (target.startsWith("file://")) target = fileURLToPath(target);
  const data = await readFile(target);
  bytes += data.length;
  return {
    ok: true,
    status: 200,
    json: async () => JSON.parse(data.toString("utf-8")),
    text: async () => data.toString("utf-8"),
    arrayBuffer: async () => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
  };
};

const agencies = JSON.parse(await readFile(path.join(root, "search", "agencies.json"), "utf-8"));
const filters = JSON.parse(filtersJson || "{}");
const chosen = agencies.filter((a) => !agencySlug || a.slug === agencySlug);
if (agencySlug) filters["执法机关"] = chosen[0].name;
let pagefind = null;
for (const agency of chosen) {
  for (const shard of agency.shards) {
    const bundle = path.join(root, shard.path) + "/";
    const options = { baseUrl: (agency.url || "") + "/", mergeFilter: { "执法机关": agency.name } };
    if (!pagefind) {
      pagefind = await import(pathToFileURL(bundle + "pagefind.js").href);
      await pagefind.options({ ...options, basePath: bundle });
      await pagefind.init();
    } else {
      await pagefind.mergeIndex(bundle, options);
    }
  }
}
const search = await pagefind.search(query === "" ? null : query, { filters });
const data = await Promise.all(search.results.map((r) => r.data()));
const agencyOf = (url) => (agencies.find((a) => a.url && url.startsWith(a.url + "/")) || {}).slug;
console.log(JSON.stringify({
  count: search.results.length, asked: chosen.map((a) => a.slug), bytes,
  results: data.map((r) => ({ agency: agencyOf(r.url), url: r.url, title: r.meta.title, filters: r.filters })),
}));
