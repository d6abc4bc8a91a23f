// Browser globals Excalidraw's bundle reads when it loads (navigator, window, document, ...),
// from jsdom: imported before the library so they exist at its module evaluation.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true, url: "http://localhost/" });
const { window } = dom;
for (const key of ["window", "document", "navigator", "HTMLElement", "Element", "Node", "DOMParser", "devicePixelRatio", "location", "getComputedStyle", "requestAnimationFrame", "cancelAnimationFrame", "localStorage", "Image", "HTMLCanvasElement", "Blob", "File", "FileReader"]) {
  if (!(key in globalThis) || globalThis[key] === undefined) {
    try {
      Object.defineProperty(globalThis, key, { value: window[key], configurable: true, writable: true });
    } catch {
      // a global Node already defines read-only (navigator on newer Node) stays as it is
    }
  }
}
globalThis.window.matchMedia ??= () => ({ matches: false, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {} });
globalThis.FontFace ??= class FontFace { constructor(family) { this.family = family; } load() { return Promise.resolve(this); } };
if (globalThis.document && !globalThis.document.fonts) {
  globalThis.document.fonts = { add() {}, delete() {}, check: () => true, load: () => Promise.resolve([]), ready: Promise.resolve(), addEventListener() {}, forEach() {} };
}

// Text is measured on a canvas; jsdom has none, so measure as a monospace font would.
globalThis.HTMLCanvasElement.prototype.getContext = function getContext() {
  return {
    font: "16px sans-serif",
    measureText(text) {
      const size = parseFloat(String(this.font).match(/([\d.]+)px/)?.[1] ?? "16");
      return { width: String(text).length * size * 0.6, actualBoundingBoxAscent: size * 0.8, actualBoundingBoxDescent: size * 0.2 };
    },
    fillText() {}, strokeText() {}, save() {}, restore() {}, scale() {}, translate() {}, fillRect() {}, clearRect() {},
  };
};
