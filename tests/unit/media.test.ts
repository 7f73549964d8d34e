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

/** The video track's frame (width × height) from its track header box (tkhd); the audio track's is 0 × 0. */
function mp4Frame(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  for (let at = bytes.indexOf("tkhd"); at >= 0; at = bytes.indexOf("tkhd", at + 4)) {
    // After the box type: version and flags, then times, ids and the matrix; width and height are 16.16 fixed.
    const sizeAt = at + (bytes[at + 4] === 1 ? 92 : 80);
    const width = bytes.readUInt32BE(sizeAt) / 65536;
    const height = bytes.readUInt32BE(sizeAt + 4) / 65536;
    if (width > 0 && height > 0) return { width, height };
  }
  throw new Error(`${file}: no video track header`);
}

/** Seconds of a WebVTT timestamp (mm:ss.ttt or hh:mm:ss.ttt). */
function vttSeconds(stamp: string): number {
  return stamp.split(":").reduce((sum, part) => sum * 60 + Number(part), 0);
}

function dirSize(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? dirSize(full) : fs.statSync(full).size);
  }, 0);
}

describe("sample media", () => {
  it("keeps the repository's media (sample episodes and posters) under 25 MB", () => {
    expect(dirSize(path.join(publicDir, "media")) + dirSize(path.join(publicDir, "posters"))).toBeLessThan(
      25 * 1000 * 1000,
    );
  });

  it("has landscape and portrait samples, portrait ones 60 to 90 s long like a short drama's episode", () => {
    expect(SAMPLE_MEDIA.filter((sample) => sample.orientation === "landscape").length).toBeGreaterThanOrEqual(3);
    const portrait = SAMPLE_MEDIA.filter((sample) => sample.orientation === "portrait");
    expect(portrait.length).toBeGreaterThanOrEqual(1);
    for (const sample of portrait) {
      expect(sample.duration).toBeGreaterThanOrEqual(60);
      expect(sample.duration).toBeLessThanOrEqual(90);
    }
  });

  for (const sample of SAMPLE_MEDIA) {
    describe(sample.name, () => {
      it("has MP4 renditions whose real duration matches the catalog", () => {
        expect(sample.streams.mp4.map((r) => r.quality)).toEqual(["360p", "720p"]);
        for (const rendition of sample.streams.mp4) {
          expect(mp4Duration(fileOf(rendition.src))).toBeCloseTo(sample.duration, 1);
        }
      });

      it("records each rendition's real frame, size and average bit rate (sample-media.json)", () => {
        expect(sample.renditions.map((r) => r.quality)).toEqual(sample.streams.mp4.map((r) => r.quality));
        for (const [index, rendition] of sample.renditions.entries()) {
          const file = fileOf(sample.streams.mp4[index].src);
          expect(mp4Frame(file)).toEqual({ width: rendition.width, height: rendition.height });
          expect(sample.streams.mp4[index].height).toBe(rendition.height);
          // The frame has the sample's shape: 16:9 or 9:16, named by its short side ("360p" is 640×360 or 360×640).
          const [long, short] = [
            Math.max(rendition.width, rendition.height),
            Math.min(rendition.width, rendition.height),
          ];
          expect(long / short).toBeCloseTo(16 / 9, 2);
          expect(rendition.width > rendition.height).toBe(sample.orientation === "landscape");
          expect(`${short}p`).toBe(rendition.quality);
          expect(fs.statSync(file).size).toBe(rendition.bytes);
          // ffprobe's format bit_rate is the file's bits over its duration.
          expect(rendition.bitrate).toBeCloseTo((rendition.bytes * 8) / mp4Duration(file), -2);
          expect(rendition.bitrate).toBeLessThan(200_000);
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
          const ends = [...text.matchAll(/--> ((?:\d\d:)?\d\d:\d\d\.\d{3})/g)].map((m) => vttSeconds(m[1]));
          expect(ends.length).toBeGreaterThan(0);
          expect(Math.max(...ends)).toBeLessThanOrEqual(sample.duration);
        }
      });
    });
  }
});
