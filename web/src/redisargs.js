// KEYS and ARGV as typed in Redis mode's inputs: words separated by spaces,
// quoted as redis-cli quotes them (sdssplitargs): "double quotes" with the
// escapes \" \\ \n \r \t \b \a \xHH, 'single quotes' with \' only.

/** The words of a line: {args} or {error} (an unterminated quote...). */
export function splitArgs(line) {
  const args = [];
  let i = 0;
  const n = line.length;
  const space = (c) => c === " " || c === "\t" || c === "\n" || c === "\r";
  const hex = (c) => /[0-9a-fA-F]/.test(c || "");
  for (;;) {
    while (i < n && space(line[i])) i++;
    if (i >= n) return { args };
    let cur = "";
    let inq = false; // "..."
    let insq = false; // '...'
    for (;;) {
      const c = line[i];
      if (inq) {
        if (i >= n) return { error: "unterminated double quote" };
        if (c === "\\" && line[i + 1] === "x" && hex(line[i + 2]) && hex(line[i + 3])) {
          cur += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 3;
        } else if (c === "\\" && i + 1 < n) {
          i++;
          const e = line[i];
          cur += { n: "\n", r: "\r", t: "\t", b: "\b", a: "\x07" }[e] ?? e;
        } else if (c === '"') {
          if (i + 1 < n && !space(line[i + 1])) return { error: "a closing quote must be followed by a space" };
          i++;
          break;
        } else cur += c;
      } else if (insq) {
        if (i >= n) return { error: "unterminated single quote" };
        if (c === "\\" && line[i + 1] === "'") {
          i++;
          cur += "'";
        } else if (c === "'") {
          if (i + 1 < n && !space(line[i + 1])) return { error: "a closing quote must be followed by a space" };
          i++;
          break;
        } else cur += c;
      } else {
        if (i >= n || space(c)) break;
        if (c === '"') inq = true;
        else if (c === "'") insq = true;
        else cur += c;
      }
      i++;
    }
    args.push(cur);
  }
}

/** A word as the inputs show it: quoted when it has to be. */
export function quoteArg(s) {
  if (s !== "" && !/[\s"'\\]/.test(s) && !/[^\x20-\x7e]/.test(s)) return s;
  return '"' + s.replace(/[\\"]/g, "\\$&").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t") + '"';
}
