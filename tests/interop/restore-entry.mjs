// What check-excalidraw.mjs needs from Excalidraw, bundled by esbuild: the package's ESM build
// uses bundler-style imports (no file extensions) that Node cannot load directly.
import "./dom.mjs";

export { restoreElements } from "@excalidraw/excalidraw";
