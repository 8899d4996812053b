// The reply panel: what the chunk returned.  Redis mode: the script's
// reply as redis-cli prints it (snapshot.redis.reply); Lua mode: the main
// chunk's return values (snapshot.returns, the bridge's), `return x, "done"`
// shown as `1, "done"`.
export function render(snapshot, state) {
  const el = state.el.reply;
  if (!el) return;
  const box = el.closest(".reply-box");
  if (state.mode === "redis") {
    if (box) box.hidden = false;
    return renderRedis(el, snapshot && snapshot.redis, snapshot);
  }
  const returns = snapshot && snapshot.status === "finished" ? snapshot.returns : null;
  if (box) box.hidden = !returns || !returns.length;
  el.classList.remove("pending", "error");
  const text = returns && returns.length ? returns.join(", ") : "";
  if (el.textContent !== text) el.textContent = text;
}

function renderRedis(el, r, snapshot) {
  const reply = r ? r.reply : null;
  el.classList.toggle("pending", reply === null || reply === undefined);
  el.classList.toggle("error", typeof reply === "string" && reply.startsWith("(error)"));
  if (reply === null || reply === undefined) {
    const s = snapshot && snapshot.status;
    el.textContent = !r ? "" : s === "paused" || s === "ready" ? "(the script has not returned yet)" : "";
    return;
  }
  el.textContent = reply;
}
