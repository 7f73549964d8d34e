#!/usr/bin/env node
// Generates the demo posters in public/posters/<id>.svg from the dramas in
// app/catalog/demo-data.ts, and for a portrait (vertical) drama also its 9:16
// episode still, public/posters/<id>.portrait.svg (the player's poster, the
// shape of its picture). Deterministic: same input, byte-identical output.
//
//   node scripts/make-posters.mjs
//
// Ids, titles and orientations are read from demo-data.ts with a regex; the look of
// each poster (gradient, accent colour, motif) is chosen in DESIGNS below.
// Titles are rendered in Latin script only (no Chinese glyphs), so the posters
// look right even where CJK fonts are missing.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = readFileSync(join(root, "app/catalog/demo-data.ts"), "utf8");
const outDir = join(root, "public/posters");

const W = 300;
const H = 450;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

// ---------------------------------------------------------------- designs

/** id -> [top colour, bottom colour, accent colour, motif] */
const DESIGNS = {
  "moonlit-tea-house": ["#1d2b53", "#0f5c5c", "#f6e7b0", "teacup"],
  "the-jade-hairpin-oath": ["#0d3b2e", "#12201c", "#8fd6b4", "hairpin"],
  "ashes-of-the-crimson-palace": ["#1a0a0a", "#7a1010", "#ff8a3d", "embers"],
  "my-rival-the-pastry-chef": ["#f48fb1", "#8c3b5e", "#fff1e0", "cake"],
  "the-fox-who-borrowed-a-name": ["#3a1c5c", "#c2562f", "#ffd9a8", "tails"],
  "ledger-of-quiet-lies": ["#2b3440", "#0e1624", "#d9dee6", "ledger"],
  "summer-at-cloudbridge-high": ["#4fb3e8", "#146b8c", "#ffe27a", "rowing"],
  "the-ferrymans-daughter": ["#6f8196", "#8a5a2b", "#f3d9a4", "ferry"],
  "neon-rain": ["#07070f", "#5a0f4f", "#ff4fd8", "cityRain"],
  "a-thousand-lanterns-for-you": ["#10163a", "#6e1423", "#ffb347", "lanterns"],
  "the-general-returns-in-spring": ["#6b8f71", "#3b2f3f", "#f7c6d0", "mountains"],
  "overtime-hearts": ["#1b2250", "#4a2470", "#ffd166", "office"],
  "grandmas-noodle-shop": ["#e38b3c", "#6b2f14", "#fff4dc", "bowl"],
  "willow-lane-witness": ["#3d4a36", "#151a17", "#c9d6a3", "willow"],
  "blade-of-the-ninth-moon": ["#0b0f1a", "#2f4a6b", "#dce8f5", "blade"],
  "the-contract-bride-of-jiangnan": ["#b3202c", "#5c0f1a", "#f5c84c", "bridge"],
  "letters-to-2009": ["#b9788a", "#4f4373", "#fbe9e7", "letters"],
  "the-heir-who-came-back": ["#0c0c0c", "#4d3b12", "#d4af37", "tower"],
  "peach-blossom-debt": ["#ffb3c6", "#b5476b", "#fff0f5", "petals"],
  "first-snow-at-the-clinic": ["#a9c6de", "#2e4f6e", "#ffffff", "snow"],
  "the-last-tide": ["#e07a5f", "#0b3c49", "#ffd8a8", "waves"],
  "the-scholar-and-the-swordswoman": ["#8c7355", "#2e2418", "#f2e6d0", "inkMountains"],
  "kite-season": ["#5ec8f2", "#2a6fb0", "#ff5d5d", "kite"],
  "mirror-of-the-drowned-queen": ["#0f4c4f", "#060d12", "#9fe3d6", "mirror"],
  "love-on-deadline": ["#ff8e72", "#3b2c5a", "#fff6e5", "pages"],
  "silent-checkmate": ["#26262b", "#5a1313", "#e9dcc3", "chess"],
  "under-the-banyan-tree": ["#4c7a34", "#3d2a12", "#f0d98c", "tree"],
  "starlight-delivery": ["#141a4a", "#6a2c91", "#fff3b0", "stars"],
  "the-ninth-princes-shadow": ["#2a1638", "#050308", "#c9a0ff", "roofs"],
  "river-of-forgotten-vows": ["#1a0508", "#8e1b24", "#ff4d4d", "lilies"],
};

// ---------------------------------------------------------------- helpers

/** Small deterministic PRNG (mulberry32) seeded from the drama id. */
function rng(seedText) {
  let a = 2166136261;
  for (const ch of seedText) a = Math.imul(a ^ ch.charCodeAt(0), 16777619);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const r1 = (n) => Math.round(n * 10) / 10;
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

// ---------------------------------------------------------------- motifs
// Each motif draws in the upper ~2/3 of the poster. `a` is the accent colour,
// `rand` a seeded PRNG.

const MOTIFS = {
  teacup: (a) =>
    `<circle cx="205" cy="95" r="46" fill="${a}" opacity=".9"/>` +
    `<path d="M85 215h110v10a55 55 0 0 1-110 0z" fill="${a}" opacity=".85"/>` +
    `<path d="M195 228a18 18 0 1 1 0 24" fill="none" stroke="${a}" stroke-width="6" opacity=".85"/>` +
    `<path d="M110 200c-12-18 12-28 0-48M140 200c-12-18 12-28 0-48M170 200c-12-18 12-28 0-48" fill="none" stroke="${a}" stroke-width="3" stroke-linecap="round" opacity=".5"/>`,

  hairpin: (a) =>
    `<circle cx="150" cy="150" r="92" fill="none" stroke="${a}" stroke-width="1.5" opacity=".35"/>` +
    `<path d="M78 232l62-62M160 150l62-62" stroke="${a}" stroke-width="7" stroke-linecap="round"/>` +
    `<circle cx="222" cy="88" r="14" fill="${a}"/>` +
    [0, 72, 144, 216, 288]
      .map(
        (d) =>
          `<ellipse cx="222" cy="68" rx="6" ry="11" fill="#f7c6d0" opacity=".85" transform="rotate(${d} 222 88)"/>`,
      )
      .join(""),

  embers: (a, rand) =>
    `<path d="M40 205h220l-30-22H70zM70 183l80-48 80 48z" fill="#000" opacity=".55"/>` +
    `<path d="M150 40c38 48 48 82 18 118 4-26-8-40-18-48-6 22-30 32-26 58-26-30-14-80 26-128z" fill="${a}" opacity=".85"/>` +
    Array.from(
      { length: 14 },
      () =>
        `<circle cx="${r1(30 + rand() * 240)}" cy="${r1(30 + rand() * 230)}" r="${r1(1 + rand() * 2.5)}" fill="${a}" opacity="${r1(0.4 + rand() * 0.6)}"/>`,
    ).join(""),

  cake: (a) =>
    `<rect x="70" y="170" width="160" height="60" rx="8" fill="${a}" opacity=".9"/>` +
    `<rect x="95" y="120" width="110" height="50" rx="8" fill="${a}" opacity=".75"/>` +
    `<rect x="120" y="82" width="60" height="38" rx="6" fill="${a}" opacity=".6"/>` +
    `<circle cx="150" cy="70" r="12" fill="#d7263d"/>` +
    `<path d="M70 190q20 14 40 0t40 0 40 0 40 0" fill="none" stroke="#f48fb1" stroke-width="5"/>`,

  tails: (a) =>
    `<circle cx="150" cy="100" r="40" fill="${a}" opacity=".85"/>` +
    [-64, -48, -32, -16, 0, 16, 32, 48, 64]
      .map(
        (d) =>
          `<path d="M150 250q-30-70 0-150" fill="none" stroke="${a}" stroke-width="9" stroke-linecap="round" opacity=".45" transform="rotate(${d} 150 250)"/>`,
      )
      .join(""),

  ledger: (a) =>
    Array.from(
      { length: 9 },
      (_, i) => `<path d="M50 ${70 + i * 20}h200" stroke="${a}" stroke-width="1" opacity=".3"/>`,
    ).join("") +
    `<path d="M110 55v190M190 55v190" stroke="${a}" stroke-width="1" opacity=".3"/>` +
    Array.from(
      { length: 8 },
      (_, i) =>
        `<rect x="${200 + ((i * 7) % 3) * 6}" y="${76 + i * 20}" width="${40 - ((i * 7) % 3) * 6}" height="6" fill="${a}" opacity=".55"/>`,
    ).join("") +
    `<path d="M50 211h200" stroke="#e63946" stroke-width="3"/>`,

  rowing: (a) =>
    `<circle cx="215" cy="80" r="34" fill="${a}"/>` +
    `<path d="M60 205h180l-20 14H80z" fill="#fff" opacity=".9"/>` +
    `<path d="M100 170l-20 60M140 170l-20 60M180 170l-20 60" stroke="#fff" stroke-width="4" stroke-linecap="round"/>` +
    `<path d="M20 240q20-8 40 0t40 0 40 0 40 0 40 0 40 0 40 0" fill="none" stroke="#fff" stroke-width="3" opacity=".6"/>`,

  ferry: (a) =>
    `<circle cx="150" cy="120" r="50" fill="${a}" opacity=".55"/>` +
    Array.from(
      { length: 6 },
      (_, i) =>
        `<path d="M${30 + i * 6} ${190 + i * 12}h${240 - i * 12}" stroke="#fff" stroke-width="2" opacity="${r1(0.5 - i * 0.06)}"/>`,
    ).join("") +
    `<path d="M95 180h110l-15 14h-80z" fill="#1b1b1b" opacity=".8"/>` +
    `<path d="M170 180l30-70" stroke="#1b1b1b" stroke-width="3" opacity=".8"/>`,

  cityRain: (a, rand) =>
    `<path d="M20 260V170h30v-30h25v50h20v-80h35v110h20v-60h30v-40h30v100h20v-70h30v80z" fill="#000" opacity=".7"/>` +
    `<path d="${Array.from({ length: 7 }, () => `M${Math.round(30 + rand() * 230)} ${Math.round(150 + rand() * 100)}h6v4h-6z`).join("")}" fill="${a}"/>` +
    `<path d="${Array.from({ length: 30 }, () => `M${Math.round(rand() * 320)} ${Math.round(rand() * 280)}l-8 22`).join("")}" stroke="${a}" stroke-width="1.2" opacity=".55"/>`,

  lanterns: (a, rand) =>
    [
      [70, 70, 1],
      [150, 110, 1.4],
      [228, 60, 0.9],
      [110, 200, 0.8],
      [205, 185, 1.1],
      [45, 170, 0.6],
      [260, 130, 0.6],
    ]
      .map(([x, y, s]) => {
        const rx = r1(18 * s),
          ry = r1(24 * s);
        return (
          `<path d="M${x} 0V${r1(y - ry)}" stroke="${a}" stroke-width="1" opacity=".5"/>` +
          `<ellipse cx="${x}" cy="${y}" rx="${rx}" ry="${ry}" fill="${a}" opacity="${r1(0.65 + rand() * 0.3)}"/>` +
          `<rect x="${r1(x - rx / 2)}" y="${r1(y + ry - 2)}" width="${rx}" height="${r1(5 * s)}" fill="#7a1f12"/>`
        );
      })
      .join(""),

  mountains: (a, rand) =>
    `<circle cx="210" cy="80" r="26" fill="#fff4e6" opacity=".8"/>` +
    `<path d="M0 230l70-90 50 50 60-100 120 140V${H}H0z" fill="#2d3b2f" opacity=".55"/>` +
    `<path d="M0 260l90-70 70 40 70-50 70 80V${H}H0z" fill="#1f2a22" opacity=".7"/>` +
    Array.from({ length: 10 }, () => {
      const x = r1(20 + rand() * 260);
      const y = r1(20 + rand() * 220);
      return `<ellipse cx="${x}" cy="${y}" rx="5" ry="3" fill="${a}" opacity=".9" transform="rotate(${Math.round(rand() * 180)} ${x} ${y})"/>`;
    }).join(""),

  office: (a, rand) =>
    `<rect x="70" y="40" width="160" height="240" fill="#0b0f2a" opacity=".6"/>` +
    (() => {
      const lit = [];
      const dark = [];
      for (let i = 0; i < 40; i++) {
        const cell = `M${82 + (i % 5) * 29} ${52 + Math.floor(i / 5) * 27}h20v16h-20z`;
        (rand() < 0.3 ? lit : dark).push(cell);
      }
      return `<path d="${dark.join("")}" fill="#fff" opacity=".08"/><path d="${lit.join("")}" fill="${a}" opacity=".9"/>`;
    })(),

  bowl: (a) =>
    `<path d="M60 170h180a90 70 0 0 1-180 0z" fill="${a}" opacity=".9"/>` +
    `<path d="M60 170h180" stroke="#6b2f14" stroke-width="4"/>` +
    `<path d="M175 165l70-110M190 165l66-104" stroke="#3b1a0b" stroke-width="5" stroke-linecap="round"/>` +
    `<path d="M105 150c-14-20 14-32 0-56M135 150c-14-20 14-32 0-56M165 150c-14-20 14-32 0-56" fill="none" stroke="${a}" stroke-width="3" stroke-linecap="round" opacity=".55"/>`,

  willow: (a) =>
    `<rect x="95" y="70" width="110" height="150" fill="#f5e6a8" opacity=".18" stroke="${a}" stroke-width="4"/>` +
    `<path d="M150 70v150M95 145h110" stroke="${a}" stroke-width="3"/>` +
    Array.from(
      { length: 6 },
      (_, i) => `<path d="M100 ${82 + i * 10}h100" stroke="${a}" stroke-width="2" opacity=".5"/>`,
    ).join("") +
    Array.from(
      { length: 9 },
      (_, i) =>
        `<path d="M${20 + i * 32} 0q${i % 2 ? 12 : -12} ${90 + (i % 3) * 30} 0 ${150 + (i % 3) * 40}" fill="none" stroke="#8fae5d" stroke-width="2" opacity=".6"/>`,
    ).join(""),

  blade: (a) =>
    `<circle cx="175" cy="115" r="70" fill="${a}" opacity=".85"/>` +
    `<circle cx="175" cy="115" r="86" fill="none" stroke="${a}" stroke-width="1" opacity=".35"/>` +
    `<path d="M60 270L246 40l4 4L72 278z" fill="#0b0f1a"/>` +
    `<path d="M56 250l30 26" stroke="#0b0f1a" stroke-width="8"/>`,

  bridge: (a) =>
    `<circle cx="150" cy="95" r="34" fill="${a}" opacity=".85"/>` +
    `<path d="M20 200q130-110 260 0" fill="none" stroke="${a}" stroke-width="8"/>` +
    `<path d="M20 200h260" stroke="${a}" stroke-width="3"/>` +
    `<path d="M20 230q20-8 40 0t40 0 40 0 40 0 40 0 40 0 40 0M20 250q20-8 40 0t40 0 40 0 40 0 40 0 40 0 40 0" fill="none" stroke="${a}" stroke-width="2" opacity=".5"/>`,

  letters: (a) =>
    [
      [-10, 75, 90],
      [8, 125, 150],
      [-4, 80, 205],
    ]
      .map(
        ([d, x, y]) =>
          `<g transform="rotate(${d} ${x + 50} ${y})"><rect x="${x}" y="${y - 32}" width="110" height="70" rx="4" fill="${a}" opacity=".9"/>` +
          `<path d="M${x} ${y - 32}l55 40 55-40" fill="none" stroke="#b9788a" stroke-width="3"/></g>`,
      )
      .join(""),

  tower: (a, rand) =>
    `<path d="M120 270V90l30-40 30 40v180z" fill="#000" opacity=".75" stroke="${a}" stroke-width="2"/>` +
    `<path d="M150 50v220" stroke="${a}" stroke-width="1" opacity=".6"/>` +
    Array.from({ length: 10 }, () => {
      const x = r1(40 + rand() * 220);
      const y = r1(40 + rand() * 220);
      return `<path d="M${x} ${y}l8 3-5 7z" fill="${a}" opacity="${r1(0.4 + rand() * 0.5)}"/>`;
    }).join(""),

  petals: (a, rand) =>
    `<circle cx="150" cy="130" r="70" fill="#fff" opacity=".25"/>` +
    `<g fill="${a}" opacity=".85">` +
    Array.from({ length: 18 }, () => {
      const x = Math.round(20 + rand() * 260);
      const y = Math.round(20 + rand() * 250);
      const s = Math.round(6 + rand() * 8);
      return `<ellipse cx="${x}" cy="${y}" rx="${s}" ry="${r1(s / 2)}" transform="rotate(${Math.round(rand() * 180)} ${x} ${y})"/>`;
    }).join("") +
    `</g>`,

  snow: (a, rand) =>
    `<path d="M0 250l80-110 50 60 60-90 110 140v200H0z" fill="#fff" opacity=".55"/>` +
    `<rect x="120" y="200" width="60" height="45" fill="#2e4f6e" opacity=".8"/>` +
    `<path d="M150 208v28M136 222h28" stroke="#ff5d5d" stroke-width="6"/>` +
    `<g fill="${a}" opacity=".85">` +
    Array.from(
      { length: 24 },
      () => `<circle cx="${Math.round(rand() * 300)}" cy="${Math.round(rand() * 260)}" r="${r1(1 + rand() * 2.5)}"/>`,
    ).join("") +
    `</g>`,

  waves: (a) =>
    `<circle cx="150" cy="150" r="60" fill="${a}" opacity=".85"/>` +
    [170, 195, 220, 245]
      .map(
        (y, i) =>
          `<path d="M0 ${y}q25-14 50 0t50 0 50 0 50 0 50 0 50 0 50 0V${H}H0z" fill="#0b3c49" opacity="${r1(0.5 + i * 0.12)}"/>`,
      )
      .join(""),

  inkMountains: (a) =>
    `<circle cx="80" cy="80" r="30" fill="#b3202c" opacity=".85"/>` +
    `<path d="M0 200q60-150 110-20 40-100 90 0 50-80 100-20V${H}H0z" fill="#1a140d" opacity=".5"/>` +
    `<path d="M0 250q80-80 150-10 60-50 150-10V${H}H0z" fill="#1a140d" opacity=".75"/>` +
    `<path d="M60 40l180 200" stroke="${a}" stroke-width="3" stroke-linecap="round"/>`,

  kite: (a) =>
    `<circle cx="60" cy="60" r="26" fill="#ffe27a"/>` +
    `<path d="M190 40l45 60-45 80-45-80z" fill="${a}"/>` +
    `<path d="M190 40v140M145 100h90" stroke="#fff" stroke-width="2" opacity=".8"/>` +
    `<path d="M190 180q-30 30 0 60t-20 60" fill="none" stroke="#fff" stroke-width="2"/>` +
    `<path d="M176 208l-8-6v12zM186 248l-8-6v12z" fill="#ffe27a"/>` +
    `<path d="M80 290Q140 220 190 180" fill="none" stroke="#fff" stroke-width="1" opacity=".6"/>`,

  mirror: (a) =>
    `<circle cx="150" cy="140" r="80" fill="none" stroke="${a}" stroke-width="10" opacity=".85"/>` +
    `<circle cx="150" cy="140" r="66" fill="${a}" opacity=".15"/>` +
    [20, 36, 52]
      .map(
        (r) =>
          `<ellipse cx="150" cy="160" rx="${r}" ry="${r1(r / 4)}" fill="none" stroke="${a}" stroke-width="1.5" opacity=".6"/>`,
      )
      .join("") +
    `<path d="M150 220v40M130 260h40" stroke="${a}" stroke-width="6" opacity=".85"/>`,

  pages: (a) =>
    `<circle cx="225" cy="70" r="28" fill="#fff6e5" opacity=".9"/>` +
    [
      [-8, 80, 90],
      [4, 100, 80],
    ]
      .map(
        ([d, x, y]) =>
          `<g transform="rotate(${d} ${x + 60} ${y + 80})"><rect x="${x}" y="${y}" width="120" height="160" rx="3" fill="${a}" opacity=".92"/>` +
          Array.from(
            { length: 7 },
            (_, i) =>
              `<path d="M${x + 14} ${y + 22 + i * 18}h${i === 6 ? 50 : 92}" stroke="#3b2c5a" stroke-width="3" opacity=".35"/>`,
          ).join("") +
          `</g>`,
      )
      .join(""),

  chess: (a) =>
    Array.from(
      { length: 5 },
      (_, i) => `<path d="M40 ${60 + i * 45}h220" stroke="${a}" stroke-width="1" opacity=".3"/>`,
    ).join("") +
    Array.from(
      { length: 6 },
      (_, i) => `<path d="M${40 + i * 44} 60v180" stroke="${a}" stroke-width="1" opacity=".3"/>`,
    ).join("") +
    [
      [128, 105, "#e9dcc3"],
      [172, 150, "#b3202c"],
      [84, 195, "#e9dcc3"],
    ]
      .map(
        ([x, y, c]) =>
          `<circle cx="${x}" cy="${y}" r="20" fill="${c}"/><circle cx="${x}" cy="${y}" r="14" fill="none" stroke="#26262b" stroke-width="2" opacity=".6"/>`,
      )
      .join(""),

  tree: (a) =>
    `<circle cx="150" cy="110" r="75" fill="#2f5a22" opacity=".9"/>` +
    `<circle cx="95" cy="130" r="50" fill="#3d6e2b" opacity=".9"/>` +
    `<circle cx="205" cy="130" r="50" fill="#3d6e2b" opacity=".9"/>` +
    `<path d="M140 260V150h20v110z" fill="#3d2a12"/>` +
    Array.from(
      { length: 7 },
      (_, i) => `<path d="M${80 + i * 23} 165v${50 + (i % 3) * 18}" stroke="#3d2a12" stroke-width="2" opacity=".7"/>`,
    ).join("") +
    `<circle cx="240" cy="55" r="18" fill="${a}" opacity=".9"/>`,

  stars: (a, rand) =>
    `<path d="M215 50a50 50 0 1 0 30 85 40 40 0 1 1-30-85z" fill="${a}"/>` +
    `<g fill="${a}" opacity=".8">` +
    Array.from(
      { length: 28 },
      () => `<circle cx="${Math.round(rand() * 300)}" cy="${Math.round(rand() * 270)}" r="${r1(0.6 + rand() * 1.8)}"/>`,
    ).join("") +
    `</g>` +
    `<path d="M40 250q80-60 160-40t80-70" fill="none" stroke="${a}" stroke-width="2" stroke-dasharray="4 6" opacity=".7"/>`,

  roofs: (a) =>
    `<path d="M170 40a60 60 0 1 0 50 100 48 48 0 1 1-50-100z" fill="${a}" opacity=".85"/>` +
    `<path d="M20 200q70-10 130-60 60 50 130 60z" fill="#000" opacity=".8"/>` +
    `<path d="M50 200h200V${H}H50z" fill="#000" opacity=".8"/>` +
    `<path d="M40 240q50-6 90-36 40 30 90 36z" fill="#000" opacity=".9"/>`,

  lilies: (a) =>
    [
      [150, 150, 1],
      [80, 210, 0.6],
      [225, 200, 0.7],
    ]
      .map(([x, y, s]) => {
        // Eight curled petals radiating from (x, y): rotate one curve by math.
        const rot = (dx, dy, deg) => {
          const t = (deg * Math.PI) / 180;
          return `${r1(dx * Math.cos(t) - dy * Math.sin(t))} ${r1(dx * Math.sin(t) + dy * Math.cos(t))}`;
        };
        const d = Array.from(
          { length: 8 },
          (_, i) => `M${x} ${y}q${rot(20 * s, -40 * s, i * 45)} ${rot(6 * s, -70 * s, i * 45)}`,
        ).join("");
        return (
          `<path d="M${x} ${y}v${r1(120 * s)}" stroke="#2d5a27" stroke-width="3"/>` +
          `<path d="${d}" fill="none" stroke="${a}" stroke-width="${r1(2.5 * s)}" stroke-linecap="round"/>`
        );
      })
      .join(""),
};

// ---------------------------------------------------------------- title layout

/** Rough advance widths (in em) for a bold system sans; errs on the wide side. */
function emWidth(text) {
  let w = 0;
  for (const ch of text) {
    if (ch === " ") w += 0.28;
    else if ("il'.,:;!|".includes(ch)) w += 0.3;
    else if ("fjrtI".includes(ch)) w += 0.4;
    else if ("mwMW".includes(ch)) w += 0.92;
    else if (ch >= "A" && ch <= "Z") w += 0.72;
    else if (ch >= "0" && ch <= "9") w += 0.6;
    else w += 0.6;
  }
  return w;
}

/** All ways to split `words` into `n` consecutive non-empty lines. */
function splits(words, n) {
  if (n === 1) return [[words.join(" ")]];
  const out = [];
  for (let i = 1; i <= words.length - n + 1; i++) {
    for (const rest of splits(words.slice(i), n - 1)) out.push([words.slice(0, i).join(" "), ...rest]);
  }
  return out;
}

const MAX_TEXT_WIDTH = 250;
const MAX_FONT = 44;
const GOOD_FONT = 34;

/** Small words read best at the start of the next line ("Bride / of Jiangnan", not "Bride of / Jiangnan"). */
const SMALL_WORDS = new Set(["a", "an", "and", "at", "for", "in", "of", "on", "the", "to"]);

/** Tie-break between layouts of equal font size: fewer dangling small words, then more even lines. */
function awkwardness(lines) {
  const dangling = lines.slice(0, -1).filter((l) => SMALL_WORDS.has(l.split(" ").pop().toLowerCase())).length;
  const widths = lines.map(emWidth);
  const spread = Math.max(...widths) - Math.min(...widths);
  return dangling * 100 + spread;
}

function layoutTitle(title) {
  const words = title.split(/\s+/);
  let best = null;
  for (let n = 1; n <= Math.min(3, words.length); n++) {
    for (const lines of splits(words, n)) {
      const widest = Math.max(...lines.map(emWidth));
      const size = Math.min(MAX_FONT, Math.floor(MAX_TEXT_WIDTH / widest));
      const score = awkwardness(lines);
      if (
        !best ||
        size > best.size ||
        (size === best.size && lines.length === best.lines.length && score < best.score)
      ) {
        best = { lines, size, score };
      }
    }
    // Prefer fewer lines as soon as the text is comfortably large.
    if (best.size >= GOOD_FONT) break;
  }
  return best;
}

// ---------------------------------------------------------------- poster

/** The card poster (2:3), and the 9:16 still of a portrait drama: the same art, centred in a taller frame. */
const FRAMES = {
  poster: { width: W, height: H, artX: 0, artY: 0, lastBaseline: 420 },
  portrait: { width: 360, height: 640, artX: 30, artY: 110, lastBaseline: 590 },
};

function poster({ id, title }, frame = FRAMES.poster) {
  const design = DESIGNS[id];
  if (!design) throw new Error(`No poster design for "${id}" — add one to DESIGNS`);
  const [top, bottom, accent, motif] = design;
  const draw = MOTIFS[motif];
  if (!draw) throw new Error(`Unknown motif "${motif}" for "${id}"`);

  const { lines, size } = layoutTitle(title);
  const { width, height, artX, artY, lastBaseline } = frame;
  const centre = width / 2;
  const lineHeight = Math.round(size * 1.08);
  const firstBaseline = lastBaseline - (lines.length - 1) * lineHeight;
  // The shade starts above the title; no genre words on the art (the page writes them, in the viewer's language).
  const eyebrowY = firstBaseline - size - 6;
  const shadeY = Math.min(artY + 240, eyebrowY - 60);
  const art = draw(accent, rng(id));

  const tspans = lines
    .map((line, i) => `<tspan x="${centre}" y="${firstBaseline + i * lineHeight}">${esc(line)}</tspan>`)
    .join("");

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="t">` +
    `<title id="t">${esc(title)}</title>` +
    `<defs>` +
    `<linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient>` +
    `<linearGradient id="shade" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity=".75"/></linearGradient>` +
    `</defs>` +
    `<rect width="${width}" height="${height}" fill="url(#bg)"/>` +
    (artX || artY ? `<g transform="translate(${artX} ${artY})">${art}</g>` : `<g>${art}</g>`) +
    `<rect y="${shadeY}" width="${width}" height="${height - shadeY}" fill="url(#shade)"/>` +
    `<text text-anchor="middle" font-family="${FONT}" font-size="${size}" font-weight="800" fill="#fff">${tspans}</text>` +
    `</svg>\n`
  );
}

// ---------------------------------------------------------------- main

const entries = [];
// The id, then any one-line fields before the title (orientation, audioDescribed), then the title.
const re = /id: "([^"]+)",((?:\s*\w+: [^\n]*,)*?)\s*title: "([^"]+)",/g;
for (const m of source.matchAll(re)) {
  entries.push({ id: m[1], title: m[3], portrait: /\borientation: "portrait"/.test(m[2]) });
}
if (entries.length === 0) throw new Error("No dramas found in demo-data.ts");

const unused = Object.keys(DESIGNS).filter((id) => !entries.some((e) => e.id === id));
if (unused.length) console.warn(`Note: designs without a drama: ${unused.join(", ")}`);

mkdirSync(outDir, { recursive: true });
for (const entry of entries) {
  writeFileSync(join(outDir, `${entry.id}.svg`), poster(entry));
  if (entry.portrait) writeFileSync(join(outDir, `${entry.id}.portrait.svg`), poster(entry, FRAMES.portrait));
}
const stills = entries.filter((entry) => entry.portrait).length;
console.log(`Wrote ${entries.length} posters and ${stills} portrait stills to ${outDir}`);
