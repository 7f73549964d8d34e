import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SAMPLE_MEDIA } from "~/catalog/media";

const publicDir = path.resolve("public");
const fileOf = (url: string) => path.join(publicDir, url.replace(/^\//, ""));

/** Duration in seconds from an MP4's movie header box (mvhd). */
function mp4Duration(file: string): number {
  const bytes = fs.readFileSync(file);
  const at = bytes.indexOf("mvhd");
  if (at < 0) throw new Error(`${file}: no mvhd box`);
  const version = bytes[at + 4];
  if (version === 1) {
    const timescale = bytes.readUInt32BE(at + 4 + 4 + 16);
    const duration = Number(bytes.readBigUInt64BE(at + 4 + 4 + 16 + 4));
    return duration / timescale;
  }
  const timescale = bytes.readUInt32BE(at + 4 + 4 + 8);
  const duration = bytes.readUInt32BE(at + 4 + 4 + 8 + 4);
  return duration / timescale;
}

function dirSize(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? dirSize(full) : fs.statSync(full).size);
  }, 0);
}

describe("sample media", () => {
  it("keeps all media in the repository under 15 MB", () => {
    expect(dirSize(path.join(publicDir, "media"))).toBeLessThan(15 * 1024 * 1024);
  });

  for (const sample of SAMPLE_MEDIA) {
    describe(sample.name, () => {
      it("has MP4 renditions whose real duration matches the catalog", () => {
        expect(sample.streams.mp4.map((r) => r.quality)).toEqual(["360p", "720p"]);
        for (const rendition of sample.streams.mp4) {
          expect(mp4Duration(fileOf(rendition.src))).toBeCloseTo(sample.duration, 1);
        }
      });

      it("has an HLS master playlist naming both renditions, each a finished VOD playlist", () => {
        const master = fs.readFileSync(fileOf(sample.streams.hls), "utf8");
        expect(master.startsWith("#EXTM3U")).toBe(true);
        const variants = master.split("\n").filter((line) => line.endsWith(".m3u8"));
        expect(variants).toHaveLength(2);
        for (const variant of variants) {
          const playlist = fs.readFileSync(path.join(path.dirname(fileOf(sample.streams.hls)), variant), "utf8");
          expect(playlist).toContain("#EXT-X-PLAYLIST-TYPE:VOD");
          expect(playlist).toContain("#EXT-X-ENDLIST");
          const total = [...playlist.matchAll(/#EXTINF:([\d.]+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
          expect(total).toBeCloseTo(sample.duration, 0);
        }
      });

      it("has English and Indonesian WebVTT captions", () => {
        expect(sample.subtitles.map((s) => s.lang)).toEqual(["en", "id"]);
        for (const subtitle of sample.subtitles) {
          const text = fs.readFileSync(fileOf(subtitle.src), "utf8");
          expect(text.startsWith("WEBVTT")).toBe(true);
          // WebVTT timestamps are mm:ss.ttt or hh:mm:ss.ttt.
          expect(text).toMatch(/(\d\d:)?\d\d:\d\d\.\d{3} --> (\d\d:)?\d\d:\d\d\.\d{3}/);
        }
      });

      it("has English and Indonesian WebVTT descriptions, copied unchanged from scripts/media-subs", () => {
        expect(sample.descriptions.map((s) => s.lang)).toEqual(["en", "id"]);
        for (const description of sample.descriptions) {
          const text = fs.readFileSync(fileOf(description.src), "utf8");
          expect(text.startsWith("WEBVTT")).toBe(true);
          const source = path.resolve("scripts", "media-subs", `${sample.name}.desc.${description.lang}.vtt`);
          expect(text).toBe(fs.readFileSync(source, "utf8"));
          const ends = [...text.matchAll(/--> 00:00:(\d\d)\.000/g)].map((m) => Number(m[1]));
          expect(ends.length).toBeGreaterThan(0);
          expect(Math.max(...ends)).toBeLessThanOrEqual(sample.duration);
        }
      });
    });
  }
});
