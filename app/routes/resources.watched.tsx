/**
 * "Mark as watched" / "Mark as unwatched" per episode, and "Mark as watched
 * and play next" under the video: plain forms that also give viewers
 * without JavaScript a way to record progress. With htmx the episode row is
 * swapped and the change announced.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { catalogPage, getCatalog } from "~/catalog/index.server";
import { EpisodeItem, listedEpisode } from "~/components/episode-list";
import { I18nProvider, translator } from "~/i18n";
import { requestLocale } from "~/i18n/locale.server";
import { recordViewing } from "~/models/history.server";
import { clearProgress, getEpisodeProgress, saveProgress } from "~/models/progress.server";
import { parseForm } from "~/utils/forms";
import { fragment, isHtmxRequest } from "~/utils/htmx.server";
import { safeRedirect } from "~/utils/redirect";
import { requireUserId } from "~/utils/session.server";
import { readForm } from "~/utils/csrf.server";
import { plainText } from "~/utils/responses.server";

const WatchedFormSchema = z.object({
  intent: z.enum(["watched", "unwatched", "watched-next"]),
  episodeId: z.string().min(1).max(200),
  redirectTo: z.string().optional(),
});

export async function loader() {
  return redirect("/history");
}

export async function action({ request }: ActionFunctionArgs) {
  const userId = await requireUserId(request);
  const parsed = parseForm(WatchedFormSchema, await readForm(request));
  if (!parsed.ok) return plainText(request, 400, "http.invalid.watchedForm");
  const { intent, episodeId, redirectTo } = parsed.data;

  const catalog = getCatalog(await requestLocale(request));
  const episode = await catalogPage(() => catalog.getEpisode(episodeId), { episodeId });
  if (!episode) return plainText(request, 404, "http.notFound.episode");

  if (intent === "unwatched") {
    await clearProgress(userId, episode.id);
  } else {
    const viewing = { episodeId: episode.id, dramaId: episode.dramaId };
    await saveProgress(userId, { ...viewing, position: episode.duration, duration: episode.duration, seq: Date.now() });
    await recordViewing(userId, viewing);
  }

  if (intent === "watched-next") {
    const episodes = await catalogPage(() => catalog.getEpisodes(episode.dramaId), { episodeId });
    const next = episodes.find((candidate) => candidate.number === episode.number + 1);
    return redirect(next ? `/watch/${next.id}` : `/drama/${episode.dramaId}`, { status: 303 });
  }

  const back = safeRedirect(redirectTo, `/drama/${encodeURIComponent(episode.dramaId)}`);
  if (isHtmxRequest(request)) {
    const locale = await requestLocale(request);
    const t = translator(locale);
    const progress = await getEpisodeProgress(userId, episode.id);
    const number = { number: episode.number };
    return fragment(
      <I18nProvider locale={locale}>
        <EpisodeItem
          episode={listedEpisode(episode)}
          progress={progress ?? undefined}
          markRedirectTo={back}
          announce={t(intent === "unwatched" ? "episode.markedUnwatched" : "episode.markedWatched", number)}
        />
      </I18nProvider>,
      { headers: { "Content-Language": locale } },
    );
  }
  return redirect(`${back}#episode-${episode.id}`, { status: 303 });
}
