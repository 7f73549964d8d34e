/**
 * The sample media made by scripts/make-media.sh (see docs/media.md): samples 1–3 landscape (16:9),
 * 4–5 portrait (9:16). Demo episodes share these files. Durations, sizes and bit rates come from
 * sample-media.json, which the script writes from the files it made.
 */
import generated from "./sample-media.json";
import type { EpisodeStreams, Orientation, Subtitle } from "./types";

/** One MP4 rendition as made: its frame, file size and real average bit rate (audio and video). */
export interface SampleRendition {
  quality: string;
  width: number;
  height: number;
  bytes: number;
  /** Bits per second: ffprobe's format bit_rate of the file. */
  bitrate: number;
}

export interface SampleMedia {
  name: string;
  orientation: Orientation;
  duration: number;
  streams: EpisodeStreams;
  subtitles: Subtitle[];
  descriptions: Subtitle[];
  /** The MP4 renditions, lowest first (the same order as `streams.mp4`). */
  renditions: SampleRendition[];
}

interface GeneratedSample {
  orientation: string;
  duration: number;
  renditions: SampleRendition[];
}

function sample(name: string, made: GeneratedSample): SampleMedia {
  const base = `/media/${name}`;
  const renditions = [...made.renditions].sort((a, b) => a.height - b.height);
  return {
    name,
    orientation: made.orientation === "portrait" ? "portrait" : "landscape",
    duration: made.duration,
    streams: {
      hls: `${base}/master.m3u8`,
      // `height` is the frame's real height (1280 for a 720p portrait file): the player matches it to HLS levels.
      mp4: renditions.map((r) => ({
        quality: r.quality,
        height: r.height,
        src: `${base}/${r.quality}.mp4`,
        bitrate: r.bitrate,
      })),
    },
    subtitles: [
      { lang: "en", label: "English", src: `${base}/subs.en.vtt` },
      { lang: "id", label: "Bahasa Indonesia", src: `${base}/subs.id.vtt` },
    ],
    descriptions: [
      { lang: "en", label: "English", src: `${base}/desc.en.vtt` },
      { lang: "id", label: "Bahasa Indonesia", src: `${base}/desc.id.vtt` },
    ],
    renditions,
  };
}

const SAMPLES: Record<string, GeneratedSample> = generated.samples;

/** Every sample, in name order. */
export const SAMPLE_MEDIA: readonly SampleMedia[] = Object.keys(SAMPLES)
  .sort()
  .map((name) => sample(name, SAMPLES[name]));

/** The samples of one orientation, in name order: the ones a drama of that orientation plays. */
export function samplesFor(orientation: Orientation): readonly SampleMedia[] {
  return SAMPLE_MEDIA.filter((media) => media.orientation === orientation);
}
