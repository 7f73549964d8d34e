/**
 * Catalog texts in views carry `lang` when they are not in the page's language
 * (an English title on an Indonesian page), and none when they are.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { createLocalCatalog } from "~/catalog/local.server";
import { DramaCard, cardDrama } from "~/components/drama-card";
import { EpisodeList, listedEpisode } from "~/components/episode-list";
import { I18nProvider, type Locale } from "~/i18n";

const catalog = createLocalCatalog();

async function render(locale: Locale) {
  const view = catalog.inLocale(locale);
  const drama = await view.getDrama("moonlit-tea-house");
  const episodes = await view.getEpisodes("moonlit-tea-house");
  if (!drama) throw new Error("demo drama missing");
  return renderToStaticMarkup(
    <I18nProvider locale={locale}>
      <DramaCard drama={cardDrama(drama)} />
      <EpisodeList episodes={episodes.slice(0, 1).map(listedEpisode)} progress={{}} />
    </I18nProvider>,
  );
}

describe("lang of catalog texts in views", () => {
  it("marks the English drama title on an Indonesian page, not the translated episode title", async () => {
    const html = await render("id");
    expect(html).toContain('<h3 class="card-title" lang="en">Moonlit Tea House</h3>');
    expect(html).toContain('<span class="episode-title">Teko Oolong Terakhir</span>');
  });

  it("marks nothing on an English page", async () => {
    const html = await render("en");
    expect(html).toContain('<h3 class="card-title">Moonlit Tea House</h3>');
    expect(html).toContain('<span class="episode-title">The Last Pot of Oolong</span>');
  });

  it("marks an untranslated episode title on an Indonesian page", async () => {
    const partial = createLocalCatalog([
      { ...(await catalog.getDrama("neon-rain"))!, episodeTitles: ["First Rain"] },
    ]).inLocale("id");
    const html = renderToStaticMarkup(
      <I18nProvider locale="id">
        <EpisodeList episodes={(await partial.getEpisodes("neon-rain")).map(listedEpisode)} progress={{}} />
      </I18nProvider>,
    );
    expect(html).toContain('<span class="episode-title" lang="en">First Rain</span>');
  });
});
