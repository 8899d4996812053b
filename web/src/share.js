// Share links: #code=<lz-string compressToEncodedURIComponent(source)>&bp=3,7
import LZString from "lz-string";

export function encodeShare(source, breakpoints) {
  let hash = "#code=" + LZString.compressToEncodedURIComponent(source);
  const bps = [...(breakpoints || [])].sort((a, b) => a - b);
  if (bps.length) hash += "&bp=" + bps.join(",");
  return hash;
}

/** {source, breakpoints} from a location hash, or null when it holds no code. */
export function decodeShare(hash) {
  const params = {};
  for (const part of (hash || "").replace(/^#/, "").split("&")) {
    const i = part.indexOf("=");
    if (i > 0) params[part.slice(0, i)] = part.slice(i + 1);
  }
  if (!params.code) return null;
  const source = LZString.decompressFromEncodedURIComponent(params.code);
  if (source === null || source === undefined) return null;
  const breakpoints = (params.bp || "")
    .split(",")
    .map((x) => parseInt(x, 10))
    .filter((n) => Number.isInteger(n) && n > 0);
  return { source, breakpoints };
}
