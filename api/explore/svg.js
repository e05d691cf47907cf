// Building the views as SVG: one picture that the page shows, that downloads
// as SVG as it is, and as PNG through a canvas. Appearance is set in
// attributes, not CSS, so a downloaded file looks like the page.

const NS = "http://www.w3.org/2000/svg";
export const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

/** An SVG element with attributes (null/undefined ones left out) and children. */
export function el(name, attributes = {}, children = []) {
  const node = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  for (const child of [].concat(children)) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** A text element; `content` becomes a text node (never parsed as markup). */
export function text(x, y, content, attributes = {}) {
  return el("text", { x, y, "font-family": FONT, "font-size": 12, fill: "#1d2733", ...attributes }, [
    String(content),
  ]);
}

/** A tooltip for the element it is appended to. */
export function title(content) {
  return el("title", {}, [String(content)]);
}

export function svg(width, height, children) {
  const root = el(
    "svg",
    { xmlns: NS, width, height, viewBox: `0 0 ${width} ${height}`, "font-family": FONT },
    [el("rect", { width, height, fill: "#ffffff" }), ...children],
  );
  return root;
}

const measure = document.createElement("canvas").getContext("2d");

/** The width of `content` in pixels, in our font at `size` (and weight). */
export function width(content, size = 12, weight = "normal") {
  measure.font = `${weight} ${size}px ${FONT}`;
  return measure.measureText(String(content)).width;
}

/** `content` broken into lines no wider than `max` pixels, at most `lines` of them. */
export function wrap(content, max, size = 12, weight = "normal", lines = 3) {
  const result = [];
  let line = "";
  for (const word of String(content).split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && width(candidate, size, weight) > max) {
      result.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) result.push(line);
  if (result.length > lines) {
    result.length = lines;
    result[lines - 1] = clip(`${result[lines - 1]}…`, max, size, weight);
  }
  return result.map((l) => clip(l, max, size, weight));
}

/** `content` shortened with an ellipsis to fit `max` pixels. */
export function clip(content, max, size = 12, weight = "normal") {
  let value = String(content);
  if (width(value, size, weight) <= max) return value;
  while (value.length > 1 && width(`${value}…`, size, weight) > max) value = value.slice(0, -1);
  return `${value.trimEnd()}…`;
}

export function serialize(root) {
  return new XMLSerializer().serializeToString(root);
}

/** The picture as a PNG, at twice its size for sharp text. */
export async function png(root) {
  const url = URL.createObjectURL(new Blob([serialize(root)], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = 2;
    const canvas = document.createElement("canvas");
    canvas.width = Number(root.getAttribute("width")) * scale;
    canvas.height = Number(root.getAttribute("height")) * scale;
    const context = canvas.getContext("2d");
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    return await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
