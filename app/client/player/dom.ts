/** Tiny DOM helpers for the player's own UI (no framework on this page). */

type Attrs = Record<string, string | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  children: (Node | string | null | undefined)[] = [],
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === "className") el.className = String(value);
    else el.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return el;
}

let announceTimer: ReturnType<typeof setTimeout> | undefined;

/** Says `message` through the page's polite status region (#announcer). */
export function announce(message: string): void {
  const region = document.getElementById("announcer");
  if (!region) return;
  region.textContent = "";
  clearTimeout(announceTimer);
  // A fresh text node after clearing makes screen readers announce repeats.
  announceTimer = setTimeout(() => {
    region.textContent = message;
  }, 50);
}

let ids = 0;
export function uniqueId(prefix: string): string {
  ids += 1;
  return `${prefix}-${ids}`;
}

export function storage(kind: "localStorage" | "sessionStorage"): Storage | null {
  try {
    const store = window[kind];
    const probe = "dracin:probe";
    store.setItem(probe, "1");
    store.removeItem(probe);
    return store;
  } catch {
    return null;
  }
}
