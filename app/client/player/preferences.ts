/**
 * Saves playback preferences the viewer changes in the player (captions,
 * autoplay) to the preferences cookie, so the server renders the same
 * defaults on the next page.
 *
 * The server rebuilds the whole cookie from the request's cookie plus the
 * posted fields, so two posts in flight could undo each other. Posts are
 * therefore sent one at a time (each then carries the cookie the previous
 * one set), and each repeats every field changed on this page; changes made
 * while one is in flight go out together in the next. Fields the viewer did
 * not touch here are never sent, so a change made in another tab stands.
 */
import { withCsrf } from "../csrf";

export interface PlayerPreferences {
  captions?: string;
  autoplay?: boolean;
  dataSaver?: boolean;
  descriptionVoice?: string;
}

/** The settings form under the video, kept in step so it never posts a stale value. */
const FORM_FIELDS: Record<keyof PlayerPreferences, string> = {
  captions: "pref-captions",
  autoplay: "pref-autoplay",
  dataSaver: "pref-data-saver",
  descriptionVoice: "pref-description-voice",
};

function formValue(value: string | boolean): string {
  if (typeof value === "string") return value;
  return value ? "1" : "0";
}

export class PreferencesClient {
  private readonly url: string;
  /** Every field changed on this page, latest values. */
  private changed: PlayerPreferences = {};
  private dirty: PlayerPreferences | null = null;
  private inFlight: Promise<boolean> | null = null;

  constructor(url: string) {
    this.url = url;
  }

  /** Records a change and saves it; resolves false when the server did not take it. */
  save(change: PlayerPreferences): Promise<boolean> {
    this.changed = { ...this.changed, ...change };
    this.syncForm(change);
    this.dirty = { ...(this.dirty ?? {}), ...change };
    return this.pump();
  }

  private async pump(): Promise<boolean> {
    while (this.inFlight) {
      await this.inFlight.catch(() => false);
    }
    if (!this.dirty) return true;
    this.dirty = null;
    this.inFlight = this.post({ ...this.changed });
    try {
      return await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }

  private async post(preferences: PlayerPreferences): Promise<boolean> {
    const body = withCsrf(new URLSearchParams());
    if (preferences.captions !== undefined) body.set("captions", preferences.captions);
    if (preferences.autoplay !== undefined) body.set("autoplay", preferences.autoplay ? "1" : "0");
    if (preferences.dataSaver !== undefined) body.set("dataSaver", preferences.dataSaver ? "1" : "0");
    if (preferences.descriptionVoice !== undefined) body.set("descriptionVoice", preferences.descriptionVoice);
    try {
      const response = await fetch(this.url, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      return response.ok;
    } catch {
      return false;
    }
  }

  private syncForm(change: PlayerPreferences): void {
    for (const key of Object.keys(change) as (keyof PlayerPreferences)[]) {
      const value = change[key];
      const field = document.getElementById(FORM_FIELDS[key]);
      if (value === undefined || !(field instanceof HTMLSelectElement)) continue;
      const wanted = formValue(value);
      if ([...field.options].some((option) => option.value === wanted)) field.value = wanted;
    }
  }
}
