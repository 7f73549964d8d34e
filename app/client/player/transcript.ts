/**
 * The transcript with JavaScript (the markup and its no-JS behaviour are
 * app/components/transcript.tsx):
 *
 * - a time link seeks the player in place instead of reloading the page, and
 *   focus stays on the link;
 * - the line being spoken gets aria-current="true" as the video plays, without
 *   moving focus or scrolling the page;
 * - "Follow along" (off by default, remembered in localStorage) keeps that line
 *   in view by scrolling the transcript's own box (its scrollTop), never the page;
 * - the search filters as the viewer types (debounced), with the same matching
 *   and marks as the server (~/lib/transcript), and says the count in the
 *   transcript's status region. A page the server already filtered (?q=) keeps
 *   the plain form: it holds only the matching lines.
 *
 * It starts on the native <video> before video.js, so it keeps working if the
 * player fails to start; `usePlayer` moves it onto video.js once it exists.
 */
import { matchText, searchTerms, type TextPart } from "~/lib/transcript";
import { announce, h, storage } from "./dom";
import { fill, pageLocale } from "./strings";
import type { VjsPlayer } from "./types";

export const FOLLOW_KEY = "dracin:transcript-follow";
const FILTER_DELAY_MS = 200;

interface Strings {
  counts: Record<string, string>;
  none: string;
  seeked: string;
}

interface Line {
  element: HTMLLIElement;
  start: number;
  end: number;
  /** The searchable parts (speaker, words) and their plain text. */
  parts: { element: HTMLElement; text: string }[];
}

interface Clock {
  time(): number;
  seek(seconds: number): void;
}

function readStrings(json: string | undefined): Strings {
  const strings: Strings = { counts: {}, none: "", seeked: "" };
  try {
    const parsed = JSON.parse(json ?? "{}") as Partial<Strings>;
    if (parsed.counts && typeof parsed.counts === "object") strings.counts = parsed.counts;
    if (typeof parsed.none === "string") strings.none = parsed.none;
    if (typeof parsed.seeked === "string") strings.seeked = parsed.seeked;
  } catch {
    // No words: the count and the seek are not said; the transcript still works.
  }
  return strings;
}

/** The text with its marks (no replaceChildren: Chrome < 86 lacks it). */
function render(element: HTMLElement, parts: TextPart[]): void {
  element.textContent = "";
  for (const part of parts) {
    if (!part.mark) {
      element.appendChild(document.createTextNode(part.text));
      continue;
    }
    const mark = document.createElement("mark");
    mark.textContent = part.text;
    element.appendChild(mark);
  }
}

/** The time a link shows ("1:05"), without its visually hidden words. */
function visibleTime(link: HTMLElement): string {
  return Array.from(link.childNodes)
    .filter((node) => node.nodeType === Node.TEXT_NODE)
    .map((node) => node.textContent ?? "")
    .join("")
    .trim();
}

export class TranscriptController {
  private clock: Clock;
  private readonly lines: Line[];
  private readonly box: HTMLElement | null;
  private readonly details: HTMLDetailsElement | null;
  private readonly status: HTMLElement | null;
  private readonly strings: Strings;
  private current: Line | null = null;
  private follow = false;
  private filterTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly section: HTMLElement;

  constructor(section: HTMLElement, video: HTMLVideoElement) {
    this.section = section;
    this.clock = {
      time: () => video.currentTime,
      seek: (seconds) => {
        video.currentTime = seconds;
      },
    };
    this.strings = readStrings(section.dataset.strings);
    this.box = section.querySelector<HTMLElement>(".transcript-scroll");
    this.details = section.closest("details");
    this.status = section.querySelector<HTMLElement>(".transcript-status");
    this.lines = Array.from(section.querySelectorAll<HTMLLIElement>("li.transcript-line")).map((element) => ({
      element,
      start: Number(element.dataset.start),
      end: Number(element.dataset.end),
      parts: Array.from(element.querySelectorAll<HTMLElement>(".transcript-speaker, .transcript-words")).map(
        (part) => ({ element: part, text: part.textContent ?? "" }),
      ),
    }));

    for (const type of ["timeupdate", "seeked"]) video.addEventListener(type, () => this.update());
    section.addEventListener("click", (event) => this.onClick(event));
    this.details?.addEventListener("toggle", () => this.update());
    this.wireFollow();
    this.wireSearch();
  }

  /** From now on the transcript reads and seeks through video.js. */
  usePlayer(player: VjsPlayer): void {
    this.clock = {
      time: () => player.currentTime() ?? 0,
      seek: (seconds) => {
        player.currentTime(seconds);
      },
    };
    player.on(["timeupdate", "seeked"], () => this.update());
  }

  private onClick(event: MouseEvent): void {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element).closest<HTMLAnchorElement>("a.transcript-time");
    if (!link) return;
    const at = Number(link.dataset.t);
    if (!Number.isFinite(at) || at < 0) return;
    event.preventDefault();
    this.clock.seek(at);
    this.update(at);
    if (this.strings.seeked) announce(fill(this.strings.seeked, { time: visibleTime(link) }));
  }

  /** Marks the line being spoken at `at` (default: the player's time); follows it when asked. */
  private update(at = this.clock.time()): void {
    let current: Line | null = null;
    for (const line of this.lines) {
      if (line.start > at) break;
      if (at < line.end) current = line;
    }
    if (current !== this.current) {
      this.current?.element.removeAttribute("aria-current");
      current?.element.setAttribute("aria-current", "true");
      this.current = current;
    }
    if (this.follow) this.keepInView();
  }

  /** Scrolls the transcript's own box (never the page) so the current line shows. */
  private keepInView(): void {
    const line = this.current?.element;
    if (!this.box || !line || line.hidden || (this.details && !this.details.open)) return;
    const box = this.box.getBoundingClientRect();
    const rect = line.getBoundingClientRect();
    if (rect.top >= box.top && rect.bottom <= box.bottom) return;
    // A third of the way down, so the lines before it give context.
    this.box.scrollTop += rect.top - box.top - this.box.clientHeight / 3;
  }

  private wireFollow(): void {
    const wrapper = this.section.querySelector<HTMLElement>(".transcript-follow");
    if (!wrapper?.dataset.label || !this.box) return;
    const toggle = h("input", { type: "checkbox", id: "transcript-follow" });
    wrapper.replaceChildren(toggle, " ", h("label", { for: "transcript-follow" }, [wrapper.dataset.label]));
    const store = storage("localStorage");
    this.follow = store?.getItem(FOLLOW_KEY) === "1";
    toggle.checked = this.follow;
    wrapper.hidden = false;
    toggle.addEventListener("change", () => {
      this.follow = toggle.checked;
      try {
        if (this.follow) store?.setItem(FOLLOW_KEY, "1");
        else store?.removeItem(FOLLOW_KEY);
      } catch {
        // Storage full: the choice lasts for this page.
      }
      if (this.follow) this.keepInView();
    });
  }

  private wireSearch(): void {
    // A page the server filtered holds only the matching lines: its form stays a plain GET.
    if (this.section.dataset.filtered === "1") return;
    const form = this.section.querySelector<HTMLFormElement>("form.transcript-search");
    const input = form?.querySelector<HTMLInputElement>("input[name=q]");
    if (!form || !input) return;
    input.addEventListener("input", () => {
      clearTimeout(this.filterTimer);
      this.filterTimer = setTimeout(() => this.filter(input.value), FILTER_DELAY_MS);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(this.filterTimer);
      this.filter(input.value);
    });
  }

  /** Keeps the lines that match `q`, marks the matches and says how many there are. */
  filter(q: string): number {
    const terms = searchTerms(q);
    let count = 0;
    for (const line of this.lines) {
      const whole = line.parts.map((part) => part.text).join("\n");
      const matches = terms.length === 0 || matchText(whole, terms) !== null;
      line.element.hidden = !matches;
      if (matches) count += 1;
      for (const part of line.parts) {
        const own = terms.filter((term) => matchText(part.text, [term]) !== null);
        render(part.element, matchText(part.text, own) ?? [{ text: part.text, mark: false }]);
      }
    }
    if (this.status) this.status.textContent = terms.length === 0 ? "" : this.countText(count);
    return count;
  }

  private countText(count: number): string {
    if (count === 0) return this.strings.none;
    let category = "other";
    try {
      category = new Intl.PluralRules(pageLocale()).select(count);
    } catch {
      // An unknown page language: "other".
    }
    const template = this.strings.counts[category] ?? this.strings.counts.other ?? "{count}";
    return fill(template, { count });
  }
}

/** Wires the page's transcript, if it has one, to `video`. */
export function startTranscript(video: HTMLVideoElement): TranscriptController | null {
  const section = document.querySelector<HTMLElement>("[data-transcript]");
  return section ? new TranscriptController(section, video) : null;
}
