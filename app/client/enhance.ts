/**
 * Small enhancements on top of htmx for every page. Pages work without it.
 * - Announces failed htmx requests in the page's status region.
 * - Signing out forgets progress saves the player kept while offline, so they
 *   are never sent later under somebody else's session on a shared device.
 */
import { SAVE_QUEUE_KEY } from "~/lib/save-queue";

type HtmxErrorEvent = CustomEvent<{ xhr?: XMLHttpRequest }>;

function announce(text: string): void {
  const region = document.getElementById("announcer");
  if (!region) return;
  region.textContent = "";
  // A fresh text node after clearing makes screen readers announce repeats.
  window.setTimeout(() => {
    region.textContent = text;
  }, 50);
}

function onError(event: Event): void {
  const status = (event as HtmxErrorEvent).detail?.xhr?.status ?? 0;
  const region = document.getElementById("announcer");
  const message =
    status === 0
      ? (region?.dataset.offlineMessage ?? "You appear to be offline. Please try again.")
      : (region?.dataset.errorMessage ?? "Something went wrong. Please try again.");
  announce(message);
}

function forgetPendingSaves(event: Event): void {
  const form = event.target;
  if (
    !(form instanceof HTMLFormElement) ||
    new URL(form.getAttribute("action") ?? "", location.href).pathname !== "/logout"
  )
    return;
  try {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith(SAVE_QUEUE_KEY)) localStorage.removeItem(key);
    }
  } catch {
    // No storage: nothing was kept.
  }
}

document.addEventListener("htmx:sendError", onError);
document.addEventListener("htmx:responseError", onError);
document.addEventListener("submit", forgetPendingSaves, true);
