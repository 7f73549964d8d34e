/**
 * The "Still watching?" prompt over the player: shown instead of starting an
 * autoplayed episode after 90 minutes without interaction (the timing is in
 * app/lib/still-watching.ts). Playback waits until the viewer answers.
 */
import { announce, h, uniqueId } from "./dom";
import { t } from "./strings";

/** Shows the prompt; the returned function removes it (playback started some other way). */
export function showStillWatching(options: {
  host: HTMLElement;
  onContinue: () => void;
  onStop: () => void;
}): () => void {
  const headingId = uniqueId("still-watching-title");
  const proceed = h("button", { type: "button", className: "button" }, [t("player.continueWatching")]);
  const stop = h("button", { type: "button", className: "button button-secondary" }, [t("player.stop")]);
  const card = h("div", { className: "player-card still-watching", role: "group", "aria-labelledby": headingId }, [
    h("h2", { id: headingId, className: "player-card-title" }, [t("player.stillWatching")]),
    h("p", { className: "player-card-body" }, [t("player.stillWatchingBody")]),
    h("div", { className: "player-card-actions" }, [proceed, stop]),
  ]);
  const close = (then: () => void) => {
    card.remove();
    then();
  };
  proceed.addEventListener("click", () => close(options.onContinue));
  stop.addEventListener("click", () => close(options.onStop));
  options.host.append(card);
  announce(t("player.stillWatchingSpoken"));
  // The page was opened by autoplay, not by the viewer: there is no focus to take away.
  proceed.focus({ preventScroll: false });
  return () => card.remove();
}
