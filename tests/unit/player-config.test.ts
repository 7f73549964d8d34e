import { describe, expect, it } from "vitest";
import { readConfig } from "~/client/player/config";

const FULL = {
  player: "",
  episodeId: "moonlit-tea-house-ep-1",
  dramaId: "moonlit-tea-house",
  hls: "/media/sample-1/master.m3u8",
  mp4: "/media/sample-1/360p.mp4",
  renditions: JSON.stringify([
    { quality: "360p", height: 360, src: "/media/sample-1/360p.mp4" },
    { quality: "720p", height: 720, src: "/media/sample-1/720p.mp4" },
  ]),
  start: "12",
  duration: "20",
  saveUrl: "/resources/progress",
  nextUrl: "/watch/moonlit-tea-house-ep-2",
  nextNumber: "2",
  nextTitle: "A Stranger at Closing Time",
  prefsUrl: "/resources/preferences",
  captionStyleUrl: "/settings/captions?returnTo=%2Fwatch%2Fmoonlit-tea-house-ep-1",
  autoplay: "0",
  dataSaver: "1",
  captions: "id",
  description: "speech",
  descriptionLang: "id",
  extendedDescription: "1",
  descriptionRate: "1.5",
  descriptionVoice: "Damayanti",
  readCaptions: "1",
  orientation: "landscape",
};

describe("readConfig", () => {
  it("reads every attribute of the server contract", () => {
    expect(readConfig(FULL)).toEqual({
      episodeId: "moonlit-tea-house-ep-1",
      dramaId: "moonlit-tea-house",
      hls: "/media/sample-1/master.m3u8",
      mp4: "/media/sample-1/360p.mp4",
      renditions: [
        { quality: "360p", height: 360, src: "/media/sample-1/360p.mp4" },
        { quality: "720p", height: 720, src: "/media/sample-1/720p.mp4" },
      ],
      start: 12,
      duration: 20,
      saveUrl: "/resources/progress",
      prefsUrl: "/resources/preferences",
      captionStyleUrl: "/settings/captions?returnTo=%2Fwatch%2Fmoonlit-tea-house-ep-1",
      nextUrl: "/watch/moonlit-tea-house-ep-2",
      nextNumber: "2",
      nextTitle: "A Stranger at Closing Time",
      autoplay: false,
      dataSaver: true,
      captions: "id",
      viewer: "",
      descriptions: {
        mode: "speech",
        lang: "id",
        extended: true,
        rate: 1.5,
        voice: "Damayanti",
        readCaptions: true,
      },
      orientation: "landscape",
    });
  });

  it("reads the picture's orientation: portrait when the server says so, else landscape", () => {
    expect(readConfig({ ...FULL, orientation: "portrait" }).orientation).toBe("portrait");
    expect(readConfig({ episodeId: "ep" }).orientation).toBe("landscape");
    expect(readConfig({ ...FULL, orientation: "sideways" }).orientation).toBe("landscape");
  });

  it("reads audio description settings defensively: unknown modes, rates and languages fall back to off", () => {
    expect(
      readConfig({ description: "shout", descriptionRate: "9", descriptionLang: "<x>", extendedDescription: "maybe" })
        .descriptions,
    ).toEqual({ mode: "off", lang: "", extended: false, rate: 1, voice: "", readCaptions: false });
  });

  it("falls back to safe defaults when attributes are missing", () => {
    const config = readConfig({ episodeId: "ep", mp4: "/media/x/360p.mp4" });
    expect(config).toMatchObject({
      start: 0,
      duration: 0,
      saveUrl: "/resources/progress",
      prefsUrl: "/resources/preferences",
      nextUrl: "",
      autoplay: true,
      dataSaver: false,
      captions: null,
      renditions: [{ quality: "360p", height: 360, src: "/media/x/360p.mp4" }],
    });
  });

  it("refuses nonsense: negative or non-numeric times, unknown flags, foreign URLs", () => {
    const config = readConfig({
      ...FULL,
      start: "-5",
      duration: "abc",
      autoplay: "maybe",
      nextUrl: "https://evil.example/watch",
      saveUrl: "//evil.example/save",
      captionStyleUrl: "javascript:alert(1)",
      captions: "<script>",
    });
    expect(config.start).toBe(0);
    expect(config.duration).toBe(0);
    expect(config.autoplay).toBe(true);
    expect(config.nextUrl).toBe("");
    expect(config.saveUrl).toBe("/resources/progress");
    expect(config.captionStyleUrl).toBe("");
    expect(config.captions).toBeNull();
  });

  it("treats an empty next URL as the last episode", () => {
    expect(readConfig({ ...FULL, nextUrl: "" }).nextUrl).toBe("");
  });

  it("accepts captions off", () => {
    expect(readConfig({ ...FULL, captions: "off" }).captions).toBe("off");
  });
});
