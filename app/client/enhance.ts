/**
 * Small enhancements on top of htmx for every page. Pages work without it.
 * - Announces failed htmx requests in the page's status region.
 */
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
      ? region?.dataset.offlineMessage ?? "You appear to be offline. Please try again."
      : region?.dataset.errorMessage ?? "Something went wrong. Please try again.";
  announce(message);
}

document.addEventListener("htmx:sendError", onError);
document.addEventListener("htmx:responseError", onError);
