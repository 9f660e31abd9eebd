// Bytes a browser downloads for a first search over all agencies in the portal, as
// portal-search.js does it: agencies.json, filters.json, one Pagefind script and
// WebAssembly, the first BATCH agencies' newest shards merged (mergeIndex), and the first
// page of results' fragments. MODE "separate" instead loads each agency's bundle as its own
// Pagefind instance (one script and WebAssembly each): the alternative it was measured against.
// Usage: node portal_first_search.mjs PORTAL_DIR QUERY [merged|separate] [BATCH]
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const [site, query, mode = "merged", batchText = "4"] = process.argv.slice(2);
const root = path.resolve(site);
const batch = parseInt(batchText, 10);
let bytes = 0;
async function load(target) {
  const data = await readFile(target);
  bytes += data.length;
  return data;
}
globalThis.fetch = async (resource) => {
  let target = String(resource).split("?")[0];
  if (target.startsWith("file://")) target = fileURLToPath(target);
  const data = await load(target);
  return {
    ok: true, status: 200,
    json: async () => JSON.parse(data.toString("utf-8")),
    arrayBuffer: async () => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
  };
};
const agencies = JSON.parse((await load(path.join(root, "search", "agencies.json"))).toString("utf-8"));
await load(path.join(root, "search", "filters.json"));
const first = agencies.slice(0, batch);
let results = [];
if (mode === "merged") {
  let pagefind = null;
  for (const agency of first) {
    const bundle = path.join(root, agency.shards[0].path) + "/";
    const options = { baseUrl: agency.url + "/", mergeFilter: { "执法机关": agency.name } };
    if (!pagefind) {
      await load(bundle + "pagefind.js");
      pagefind = await import(pathToFileURL(bundle + "pagefind.js").href);
      await pagefind.options({ ...options, basePath: bundle });
    } else {
      await pagefind.mergeIndex(bundle, options);
    }
  }
  results = (await pagefind.search(query)).results;
} else {
  for (const agency of first) {
    const bundle = path.join(root, agency.shards[0].path) + "/";
    await load(bundle + "pagefind.js");
    const pagefind = await import(pathToFileURL(bundle + "pagefind.js").href + `?${agency.slug}`);
    await pagefind.options({ basePath: bundle, baseUrl: agency.url + "/" });
    results = results.concat((await pagefind.search(query)).results);
  }
  results.sort((a, b) => b.score - a.score);
}
await Promise.all(results.slice(0, 10).map((r) => r.data()));
console.log(JSON.stringify({ mode, bytes, agencies: first.length, results: results.length }));
