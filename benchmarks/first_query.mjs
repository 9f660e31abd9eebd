// Bytes a browser downloads to show the first answers to a query: the newest shard's
// Pagefind bundle (script, WebAssembly, entry, metadata, the index chunks the words need)
// plus shards.json, filters.json and the first page of results' fragments.
// Usage: node first_query.mjs SITE_DIR QUERY
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const [site, query] = process.argv.slice(2);
const root = path.resolve(site);
let bytes = 0;
const files = [];
async function load(target) {
  const data = await readFile(target);
  bytes += data.length;
  files.push([path.relative(root, target), data.length]);
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
await load(path.join(root, "pagefind", "shards.json"));
await load(path.join(root, "pagefind", "filters.json"));
const bundle = path.join(root, "pagefind");
await load(path.join(bundle, "pagefind.js"));
const pagefind = await import(pathToFileURL(path.join(bundle, "pagefind.js")).href);
await pagefind.options({ basePath: bundle + "/", baseUrl: "/" });
const search = await pagefind.search(query);
await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
console.log(JSON.stringify({ bytes, results: search.results.length, files }));
