// Share links: #code=<lz-string compressToEncodedURIComponent(source)>&bp=3,7
// and, for Redis mode, &mode=redis&keys=<lz>&argv=<lz>&setup=<lz> (the
// inputs' text, compressed the same way).  A link without mode is Lua mode.
import LZString from "lz-string";

const lz = (s) => LZString.compressToEncodedURIComponent(s);
const unlz = (s) => {
  const v = s ? LZString.decompressFromEncodedURIComponent(s) : "";
  return v === null || v === undefined ? "" : v;
};

/** redis: {keys, argv, setup} (the inputs' text) for a Redis mode link, or null. */
export function encodeShare(source, breakpoints, redis = null) {
  let hash = "#code=" + lz(source);
  const bps = [...(breakpoints || [])].sort((a, b) => a - b);
  if (bps.length) hash += "&bp=" + bps.join(",");
  if (redis) {
    hash += "&mode=redis";
    for (const k of ["keys", "argv", "setup"]) if (redis[k]) hash += `&${k}=` + lz(redis[k]);
  }
  return hash;
}

/** {source, breakpoints, mode, redis} from a location hash, or null when it
 * holds no code; mode is "lua" or "redis", redis {keys, argv, setup} or null. */
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
  const mode = params.mode === "redis" ? "redis" : "lua";
  const redis = mode === "redis" ? { keys: unlz(params.keys), argv: unlz(params.argv), setup: unlz(params.setup) } : null;
  return { source, breakpoints, mode, redis };
}
