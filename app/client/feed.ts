/**
 * The binge feed's script (/drama/:id/feed; docs/feed.md). The page works
 * without it: one episode, a native <video>, links either side. This makes the
 * page a column of episodes, one per screen, that scroll-snaps:
 * - swipe, Page Down / Arrow Down and Page Up / Arrow Up, or the Next and
 *   Previous links move one episode; the address bar follows;
 * - each neighbour is fetched as a fragment of the same component the page
 *   renders (app/routes/resources.feed.tsx), so the markup has one source; the next one is prepared (metadata only) only
 *   when data saver is off;
 * - moving announces the episode politely and carries focus along when it was
 *   in the feed; nothing plays until the viewer presses play, and after that
 *   the episode moved to plays when the Autoplay setting is on;
 * - progress and history are saved exactly as the player saves them
 *   (./player/progress.ts), through one sender for the page.
 */
import { feedKey, type FeedMove } from "~/lib/feed";
import { announce, h } from "./player/dom";
import { createSender, nativeMedia, wireProgress } from "./player/progress";

const SECTION = "[data-feed-episode]";
/** How much of an episode must show for it to be the one playing. */
const SHOWN = 0.6;

function videoOf(section: Element): HTMLVideoElement | null {
  return section.querySelector("video");
}

function isSection(node: Element | null): node is HTMLElement {
  return node instanceof HTMLElement && node.matches(SECTION);
}

function startFeed(feed: HTMLElement): void {
  const saveUrl = feed.dataset.saveUrl ?? "/resources/progress";
  const viewer = feed.dataset.viewer ?? "";
  const autoplay = feed.dataset.autoplay === "1";
  const dataSaver = feed.dataset.dataSaver === "1";
  const sender = createSender(saveUrl, viewer);
  const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const loading = new Map<string, Promise<HTMLElement | null>>();
  let current = feed.querySelector<HTMLElement>(SECTION);
  if (!current) return;
  /** Set once the viewer presses play: from then on, moving may start the next episode (with Autoplay on). */
  let consented = false;

  function wire(section: HTMLElement): void {
    const video = videoOf(section);
    if (!video) return;
    wireProgress(
      nativeMedia(video),
      {
        episodeId: section.dataset.feedEpisode ?? "",
        duration: Number(section.dataset.duration) || 0,
        saveUrl,
        viewer,
        // The one MP4 this screen plays, for the data meter.
        quality: () => section.dataset.quality ?? "auto",
      },
      sender,
    );
    video.addEventListener("play", () => {
      consented = true;
      // One episode plays at a time.
      for (const other of feed.querySelectorAll("video")) if (other !== video && !other.paused) other.pause();
    });
    video.addEventListener("ended", () => {
      if (autoplay && section === current) void move("next");
    });
    observer.observe(section);
  }

  /** The neighbour on one side: already in the column, or fetched from the section's link (null at an end). */
  function neighbour(section: HTMLElement, direction: FeedMove): Promise<HTMLElement | null> {
    const sibling = direction === "next" ? section.nextElementSibling : section.previousElementSibling;
    if (isSection(sibling)) return Promise.resolve(sibling);
    const url = direction === "next" ? section.dataset.nextFragment : section.dataset.previousFragment;
    if (!url) return Promise.resolve(null);
    let pending = loading.get(url);
    if (!pending) {
      pending = fetchSection(url).then((fetched) => {
        if (fetched) insert(section, fetched, direction);
        else loading.delete(url); // a failed fetch may be retried; the link still works meanwhile
        return fetched;
      });
      loading.set(url, pending);
    }
    return pending;
  }

  function insert(beside: HTMLElement, section: HTMLElement, direction: FeedMove): void {
    if (direction === "next") {
      beside.after(section);
    } else {
      // Keep the episode on screen where it is while one is added above it.
      const top = beside.getBoundingClientRect().top;
      beside.before(section);
      feed.scrollTop += beside.getBoundingClientRect().top - top;
    }
    wire(section);
  }

  /** The next episode gets its metadata ready, only when data saver is off; nothing more is loaded ahead. */
  function prepare(section: HTMLElement | null): void {
    const video = section ? videoOf(section) : null;
    if (!video || dataSaver || video.preload !== "none") return;
    video.preload = "metadata";
    video.load();
  }

  function activate(section: HTMLElement, byKey: boolean): void {
    if (section === current) return;
    const focusWasInFeed = feed.contains(document.activeElement);
    current = section;
    for (const video of feed.querySelectorAll("video")) if (!video.paused && !section.contains(video)) video.pause();
    if (section.dataset.url) history.replaceState(history.state, "", section.dataset.url);
    if (section.dataset.announce) announce(section.dataset.announce);
    if (byKey || focusWasInFeed) section.focus({ preventScroll: true });
    const video = videoOf(section);
    if (video && consented && autoplay) void video.play().catch(() => undefined);
    void neighbour(section, "next").then(prepare);
    void neighbour(section, "previous");
  }

  async function move(direction: FeedMove): Promise<boolean> {
    if (!current) return false;
    const target = await neighbour(current, direction);
    if (!target) return false;
    target.scrollIntoView({ behavior: reduceMotion ? "auto" : "smooth", block: "start" });
    activate(target, true);
    return true;
  }

  // The episode that shows most (a swipe, a scroll, a move) is the current one.
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting && entry.intersectionRatio >= SHOWN && isSection(entry.target)) {
          activate(entry.target, false);
        }
      }
    },
    { root: feed, threshold: SHOWN },
  );

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented) return;
    const target = event.target instanceof HTMLElement ? event.target : null;
    const direction = feedKey(event, target);
    if (!direction) return;
    event.preventDefault();
    void move(direction);
  });

  // The Next and Previous links move within the feed; where the neighbour cannot be fetched they stay links.
  feed.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>("a[data-feed-move]") : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const direction = link.dataset.feedMove === "previous" ? "previous" : "next";
    void move(direction).then((moved) => {
      if (!moved) window.location.assign(link.href);
    });
  });

  feed.dataset.feedOn = "";
  if (feed.dataset.help) {
    const help = h("p", { className: "feed-help", id: "feed-help" }, [feed.dataset.help]);
    feed.before(help);
    feed.setAttribute("aria-describedby", help.id);
  }
  wire(current);
  // The column fills the screen from its top; the page's header is a swipe up from the first episode.
  feed.scrollIntoView({ block: "start" });
  void neighbour(current, "next").then(prepare);
  void neighbour(current, "previous");
}

async function fetchSection(url: string): Promise<HTMLElement | null> {
  try {
    const response = await fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" });
    if (!response.ok || !(response.headers.get("Content-Type") ?? "").startsWith("text/html")) return null;
    const template = document.createElement("template");
    template.innerHTML = await response.text();
    const section = template.content.firstElementChild;
    return isSection(section) ? document.importNode(section, true) : null;
  } catch {
    return null;
  }
}

const feed = document.querySelector<HTMLElement>("[data-feed]");
if (feed) startFeed(feed);
