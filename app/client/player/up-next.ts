/**
 * The "Up next" card shown over the player when an episode ends: episode
 * number and title, "Play now" and "Cancel", and (with autoplay on) a 10 s
 * countdown that then plays the next episode. Announced once, politely; it
 * takes focus only when focus was in the player, so nobody is yanked away
 * from what they were reading. With reduced motion the countdown is text only
 * (player.css drops the ring).
 */
import { Countdown, UP_NEXT_SECONDS, upNextMode, type UpNextMode } from "~/lib/up-next";
import { announce, h, uniqueId } from "./dom";
import { t } from "./strings";

export interface UpNextOptions {
  host: HTMLElement;
  number: string;
  title: string;
  /** Moves to the next episode. */
  go: () => void;
  /** Where focus goes when the card closes while it had focus. */
  fallbackFocus: () => void;
}

export class UpNextCard {
  private readonly options: UpNextOptions;
  private readonly root: HTMLElement;
  private readonly count: HTMLElement;
  private readonly ring: HTMLElement;
  private readonly playNow: HTMLButtonElement;
  private readonly dismiss: HTMLButtonElement;
  private countdown: Countdown | null = null;
  private mode: UpNextMode = "manual";

  constructor(options: UpNextOptions) {
    this.options = options;
    const headingId = uniqueId("up-next-title");
    this.count = h("p", { className: "up-next-count" });
    this.ring = h("span", { className: "up-next-ring", "aria-hidden": "true" });
    this.playNow = h("button", { type: "button", className: "button up-next-play" }, [t("player.playNow")]);
    this.dismiss = h("button", { type: "button", className: "button button-secondary up-next-cancel" }, [
      t("player.cancel"),
    ]);
    const label = this.episodeLabel();
    this.root = h(
      "div",
      { className: "player-card up-next", role: "group", "aria-labelledby": headingId, hidden: true },
      [
        h("h2", { id: headingId, className: "player-card-label" }, [t("player.upNext")]),
        h("p", { className: "player-card-title" }, [label]),
        h("div", { className: "up-next-timer" }, [this.ring, this.count]),
        h("div", { className: "player-card-actions" }, [this.playNow, this.dismiss]),
      ],
    );
    this.playNow.addEventListener("click", () => this.go());
    this.dismiss.addEventListener("click", () => this.cancel());
    this.root.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        this.cancel();
      }
    });
    options.host.append(this.root);
  }

  /** The episode number as a number (formatted in the page's language), or the text the server gave. */
  private number(): number | string {
    const { number } = this.options;
    return /^\d+$/.test(number) ? Number(number) : number;
  }

  /** "Episode 2: A Stranger at Closing Time", or whichever part the server gave. */
  private episodeLabel(): string {
    const { number, title } = this.options;
    if (!number) return title;
    return title
      ? t("player.upNextEpisodeTitled", { number: this.number(), title })
      : t("player.upNextEpisode", { number: this.number() });
  }

  get visible(): boolean {
    return !this.root.hidden;
  }

  show(autoplay: boolean): void {
    if (this.visible) return;
    const focusWasInPlayer =
      this.options.host.contains(document.activeElement) && document.activeElement !== document.body;
    this.mode = upNextMode(autoplay);
    this.root.hidden = false;
    this.root.classList.toggle("is-counting", this.mode === "countdown");
    this.dismiss.textContent = this.mode === "countdown" ? t("player.cancel") : t("player.close");
    if (this.mode === "countdown") {
      this.countdown = new Countdown({
        onTick: (seconds) => {
          this.count.textContent = t("player.upNextIn", { seconds });
        },
        onDone: () => this.go(),
      });
      this.countdown.start();
      announce(t("player.upNextInSpoken", { number: this.number(), seconds: UP_NEXT_SECONDS }));
    } else {
      this.count.textContent = "";
      const { title } = this.options;
      announce(
        title
          ? t("player.upNextSpokenTitled", { number: this.number(), title })
          : t("player.upNextSpoken", { number: this.number() }),
      );
    }
    if (focusWasInPlayer) this.playNow.focus();
  }

  /** Autoplay switched off while counting: keep the card, stop the count. */
  stopCounting(): void {
    if (!this.countdown || this.mode !== "countdown") return;
    this.countdown.cancel();
    this.mode = "manual";
    this.root.classList.remove("is-counting");
    this.count.textContent = "";
    this.dismiss.textContent = t("player.close");
  }

  /** Closes the card (Cancel, Escape, or playback resumed). */
  hide(): void {
    if (!this.visible) return;
    const hadFocus = this.root.contains(document.activeElement);
    this.countdown?.cancel();
    this.countdown = null;
    this.root.hidden = true;
    this.root.classList.remove("is-counting");
    if (hadFocus) this.options.fallbackFocus();
  }

  private cancel(): void {
    const wasCounting = this.mode === "countdown" && this.countdown?.state === "running";
    this.hide();
    if (wasCounting) announce(t("player.upNextCancelled"));
  }

  private go(): void {
    this.countdown?.cancel();
    this.options.go();
  }
}
