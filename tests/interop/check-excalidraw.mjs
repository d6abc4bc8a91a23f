// Loads .excalidraw files with the real Excalidraw library (@excalidraw/excalidraw's
// restoreElements, the step its Open command runs) and counts what survives: arrows bound at
// both ends (the binding on the arrow and the arrow in the box's boundElements) and labels bound
// to their containers (containerId on the text and the text in the container's boundElements).
//
//   cd tests/interop && npm ci && node check-excalidraw.mjs FILE.excalidraw...
//
// Prints one JSON line per file; exits 1 when a binding archboard wrote was dropped.
// Not part of `cargo test` (it needs npm packages); see README.md "Interop".
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "build", "restore.mjs");
await build({
  entryPoints: [join(here, "restore-entry.mjs")],
  bundle: true,
  platform: "node",
  format: "esm",
  outfile: out,
  loader: { ".css": "empty" },
  conditions: ["production"],
  define: { "process.env.NODE_ENV": '"production"' },
  external: ["jsdom"],
  logLevel: "error",
});
const { restoreElements } = await import(pathToFileURL(out).href);

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node check-excalidraw.mjs FILE.excalidraw...");
  process.exit(2);
}
let failed = false;
for (const file of files) {
  const scene = JSON.parse(readFileSync(file, "utf8"));
  const before = scene.elements.filter((e) => !e.isDeleted);
  const restored = restoreElements(scene.elements, null, { repairBindings: true, refreshDimensions: false });
  const live = restored.filter((e) => !e.isDeleted);
  const byId = new Map(live.map((e) => [e.id, e]));
  const lists = (container, id, type) =>
    Array.isArray(container?.boundElements) && container.boundElements.some((b) => b && b.id === id && b.type === type);
  const bound = (arrow, binding) => !!binding && lists(byId.get(binding.elementId), arrow.id, "arrow");
  const arrows = live.filter((e) => e.type === "arrow");
  const boundBoth = arrows.filter((a) => bound(a, a.startBinding) && bound(a, a.endBinding)).length;
  const texts = live.filter((e) => e.type === "text" && e.containerId);
  const textsBound = texts.filter((t) => lists(byId.get(t.containerId), t.id, "text")).length;
  const writtenArrows = before.filter((e) => e.type === "arrow" && e.startBinding && e.endBinding).length;
  const writtenTexts = before.filter((e) => e.type === "text" && e.containerId).length;
  const result = {
    file,
    elements: live.length,
    arrows: arrows.length,
    arrows_bound_both_ends: boundBoth,
    texts_in_containers: textsBound,
    frames: live.filter((e) => e.type === "frame").length,
    kept_every_binding: boundBoth === writtenArrows && textsBound === writtenTexts && live.length === before.length,
  };
  failed ||= !result.kept_every_binding;
  console.log(JSON.stringify(result));
}
process.exit(failed ? 1 : 0);
