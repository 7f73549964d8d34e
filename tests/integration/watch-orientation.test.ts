/**
 * The watch page frames the player by the drama's orientation, from the server (so the native player
 * without JavaScript has the shape too): a portrait drama's frame and video say "portrait", its MP4 is a
 * vertical sample and its poster the 9:16 still; a landscape drama's page is as before.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as watch from "~/routes/watch.$episodeId";
import { buildOf, pageRenderer } from "../helpers/render-page";
import { createUser } from "../helpers/users";

const render = pageRenderer(buildOf([{ id: "routes/watch.$episodeId", path: "watch/:episodeId", module: watch }]));
let cookie: string;

beforeAll(async () => {
  cookie = (await createUser()).cookie;
});

async function playerOf(pathname: string) {
  const result = await render(pathname, cookie);
  expect(result.status, pathname).toBe(200);
  const frame = /<div class="player-frame"([^>]*)>/.exec(result.html)?.[1] ?? "";
  const video = /<video([^>]*)>/.exec(result.html)?.[1] ?? "";
  const source = /<source src="([^"]*)"/.exec(result.html)?.[1] ?? "";
  return { frame, video, source };
}

describe("/watch: the player's shape", () => {
  it("marks a portrait drama's frame and video portrait, with a vertical MP4 and a 9:16 poster", async () => {
    const { frame, video, source } = await playerOf("/watch/the-heir-who-came-back-ep-1");
    expect(frame).toContain('data-orientation="portrait"');
    expect(video).toContain('data-orientation="portrait"');
    expect(video).toMatch(/poster="[^"]*the-heir-who-came-back\.portrait[^"]*\.svg"/);
    expect(source).toMatch(/^\/media\/sample-[45]\/360p\.mp4/);
    expect(video).toMatch(/data-renditions="[^"]*1280/);
  });

  it("keeps a landscape drama's player as it was: landscape, the 16:9 sample, the drama poster", async () => {
    const { frame, video, source } = await playerOf("/watch/moonlit-tea-house-ep-1");
    expect(frame).toContain('data-orientation="landscape"');
    expect(video).toContain('data-orientation="landscape"');
    expect(video).toMatch(/poster="[^"]*moonlit-tea-house[^."]*\.svg"/);
    expect(source).toBe("/media/sample-1/360p.mp4");
  });
});
