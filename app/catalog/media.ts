/**
 * The sample media made by scripts/make-media.sh (see docs/media.md).
 * Demo episodes share these files; durations match the files exactly.
 */
import type { EpisodeStreams, Subtitle } from "./types";

export interface SampleMedia {
  name: string;
  duration: number;
  streams: EpisodeStreams;
  subtitles: Subtitle[];
  descriptions: Subtitle[];
}

function sample(index: number, duration: number): SampleMedia {
  const base = `/media/sample-${index}`;
  return {
    name: `sample-${index}`,
    duration,
    streams: {
      hls: `${base}/master.m3u8`,
      mp4: [
        { quality: "360p", height: 360, src: `${base}/360p.mp4` },
        { quality: "720p", height: 720, src: `${base}/720p.mp4` },
      ],
    },
    subtitles: [
      { lang: "en", label: "English", src: `${base}/subs.en.vtt` },
      { lang: "id", label: "Bahasa Indonesia", src: `${base}/subs.id.vtt` },
    ],
    descriptions: [
      { lang: "en", label: "English", src: `${base}/desc.en.vtt` },
      { lang: "id", label: "Bahasa Indonesia", src: `${base}/desc.id.vtt` },
    ],
  };
}

export const SAMPLE_MEDIA: readonly SampleMedia[] = [sample(1, 20), sample(2, 28), sample(3, 36)];
