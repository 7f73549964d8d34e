/** Small in-memory catalog fixtures for the pure catalog functions. */
import type { Drama } from "~/catalog/types";

let serial = 0;

export function makeDrama(overrides: Partial<Drama> & { id: string }): Drama {
  serial += 1;
  return {
    title: `Untitled ${serial}`,
    titleLang: "en",
    originalTitle: "无题",
    synopsis: "A quiet story.",
    synopsisLang: "en",
    year: 2024,
    status: "completed",
    genres: [],
    vibes: [],
    cast: [],
    rating: 7,
    popularity: 100,
    posterUrl: `/posters/${overrides.id}.svg`,
    addedAt: "2025-01-01",
    episodeCount: 10,
    tracks: { subtitles: ["en", "id"], descriptions: [] },
    orientation: "landscape",
    ...overrides,
  };
}

/** Five dramas with distinct genres, vibes, years, statuses, ratings and popularity. */
export function fixtureDramas(): Drama[] {
  return [
    makeDrama({
      id: "tea",
      title: "Moonlit Tea House",
      synopsis: "An accountant inherits a tea house and meets a carpenter.",
      year: 2024,
      status: "completed",
      genres: ["romance", "family"],
      vibes: ["sweet", "healing"],
      cast: ["Lin Qiáoyu", "Shen Mochuan"],
      rating: 8.7,
      popularity: 700,
      addedAt: "2025-03-14",
    }),
    makeDrama({
      id: "hairpin",
      title: "The Jade Hairpin Oath",
      synopsis: "A daughter swears revenge in the palace of lanterns.",
      year: 2023,
      status: "completed",
      genres: ["historical", "romance", "revenge"],
      vibes: ["heartbreaking"],
      cast: ["Gu Xingyao"],
      rating: 9.1,
      popularity: 900,
      addedAt: "2024-11-02",
    }),
    makeDrama({
      id: "neon",
      title: "Neon Rain",
      synopsis: "A detective hunts a killer through the city.",
      year: 2024,
      status: "ongoing",
      genres: ["mystery", "thriller"],
      vibes: ["dark", "suspenseful"],
      cast: ["Kang Zhiwen"],
      rating: 8.2,
      popularity: 950,
      addedAt: "2025-06-01",
    }),
    makeDrama({
      id: "lanterns",
      title: "A Thousand Lanterns for You",
      synopsis: "Two rivals fall in love over a festival.",
      year: 2025,
      status: "ongoing",
      genres: ["romance", "comedy"],
      vibes: ["sweet"],
      cast: ["Xie Linglan"],
      rating: 8.2,
      popularity: 400,
      addedAt: "2025-06-01",
    }),
    makeDrama({
      id: "noodles",
      title: "Grandma's Noodle Shop",
      synopsis: "Three generations and one stubborn recipe. Tea is served.",
      year: 2022,
      status: "completed",
      genres: ["family", "comedy"],
      vibes: ["feel-good", "healing"],
      cast: ["Ruan Jiahe"],
      rating: 7.5,
      popularity: 300,
      addedAt: "2023-08-20",
    }),
  ];
}

export const ids = (dramas: { id: string }[]) => dramas.map((drama) => drama.id);
