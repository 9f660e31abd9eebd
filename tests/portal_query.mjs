// Query a built portal's search for real, from Node, the way its search box does: every
// agency in search/agencies.json (or only AGENCY, the agency filter), every shard of each.
// Usage: node portal_query.mjs PORTAL_DIR QUERY [FILTERS_JSON] [AGENCY_SLUG]
// Prints {"count": n, "asked": [slugs], "results": [{agency, url, title, filters}]}.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const [site, query, filtersJson, agencySlug] = process.argv.slice(2);
const root = path.resolve(site);

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

const agencies = JSON.parse(await readFile(path.join(root, "search", "agencies.json"), "utf-8"));
const filters = JSON.parse(filtersJson || "{}");
const asked = [];
let results = [];
for (const agency of agencies) {
  if (agencySlug && agency.slug !== agencySlug) continue;
  asked.push(agency.slug);
  for (const shard of agency.shards) {
    const bundle = path.join(root, shard.path);
    const pagefind = await import(pathToFileURL(path.join(bundle, "pagefind.js")).href);
    await pagefind.options({ basePath: bundle + "/", baseUrl: (agency.url || "") + "/" });
    await pagefind.init();
    const search = await pagefind.search(query === "" ? null : query, { filters });
    const data = await Promise.all(search.results.map((r) => r.data()));
    results = results.concat(data.map((r, i) => ({
      agency: agency.slug, url: r.url, title: r.meta.title, filters: r.filters, score: search.results[i].score,
    })));
  }
}
results.sort((a, b) => b.score - a.score);
console.log(JSON.stringify({ count: results.length, asked, results }));
