// The playground's settings, kept in the browser (localStorage) from one
// visit to the next: the memory limit of the sessions.  A stored value
// that is not one of the choices (or no storage at all) gives the default.

export const MEMORY_LIMITS_MB = [64, 128, 256, 512];
export const DEFAULT_MEMORY_LIMIT_MB = 256; // as pylua.debugger.Session's default
const MEMORY_KEY = "pylua.memoryLimitMB";

export function memoryLimitMB() {
  let stored = null;
  try {
    stored = localStorage.getItem(MEMORY_KEY);
  } catch {
    stored = null; // storage refused (a sandboxed frame, privacy settings)
  }
  const mb = Number(stored);
  return stored !== null && MEMORY_LIMITS_MB.includes(mb) ? mb : DEFAULT_MEMORY_LIMIT_MB;
}

export function setMemoryLimitMB(mb) {
  try {
    localStorage.setItem(MEMORY_KEY, String(mb));
  } catch {
    // not kept: the setting holds for this visit only
  }
}

export const formatMB = (mb) => (mb >= 1024 && mb % 1024 === 0 ? `${mb / 1024} GB` : `${mb} MB`);
