/**
 * English messages, the reference catalog: every user-facing string lives
 * here, and every other language (app/i18n/<lang>/) has the same keys with
 * the same placeholders. Messages are ICU MessageFormat: "{name}" is a
 * placeholder, "{count, plural, one {# drama} other {# dramas}}" picks a
 * form, "{rating, number}" formats a number in the viewer's locale.
 */
import { admin } from "./admin";
import { auditEvents } from "./audit-events";
import { auditTrail } from "./audit-trail";
import { captions } from "./captions";
import { descriptions } from "./descriptions";
import { email } from "./email";
import { incidents } from "./incidents";
import { oauth } from "./oauth";
import { pages } from "./pages";
import { player } from "./player";
import { security } from "./security";
import { sessions } from "./sessions";
import { dataCost } from "./data-cost";
import { feed } from "./feed";
import { tracks } from "./tracks";
import { transcript } from "./transcript";

export const en = {
  // The language itself: its name in its own language (the language switch).
  "locale.name": "English",

  "language.label": "Language",

  // Layout
  "layout.skip": "Skip to content",
  "layout.footer": "Dracin — short dramas for every screen. Demo catalog: all titles, stories and names are invented.",
  "layout.requestFailed": "Something went wrong. Please try again.",
  "layout.offline": "You appear to be offline. Please try again.",
  "nav.label": "Main",
  "nav.browse": "Browse",
  "nav.search": "Search",
  "nav.myList": "My List",
  "nav.history": "History",
  "nav.account": "Account",
  "nav.signIn": "Sign in",
  "nav.register": "Create account",
  "nav.signOut": "Sign out",

  // Home
  "home.title": "Dracin · Chinese dramas for every screen",
  "home.description":
    "Watch Chinese dramas on any phone, any network, with captions and full keyboard and screen reader support.",
  "home.featured": "Featured",
  "home.featuredCta": "View drama",
  "home.seeAll": "See all",
  "home.row.continue": "Continue Watching",
  "home.row.myList": "My List",
  "home.row.latest": "Newest",
  "home.row.popular": "Popular now",
  "continue.resume": "Resume episode {episode}",
  "continue.playNext": "Play episode {episode}",
  "continue.minutesLeft": "Episode {episode}: {minutes} min left",
  "continue.nextEpisode": "Next up: episode {episode}",
  "continue.remove": "Remove from Continue Watching",

  // Tags
  "tag.romance": "Romance",
  "tag.historical": "Historical",
  "tag.fantasy": "Fantasy",
  "tag.revenge": "Revenge",
  "tag.comedy": "Comedy",
  "tag.family": "Family",
  "tag.mystery": "Mystery",
  "tag.workplace": "Workplace",
  "tag.youth": "Youth",
  "tag.thriller": "Thriller",
  "tag.sweet": "Sweet",
  "tag.heartbreaking": "Heartbreaking",
  "tag.slow-burn": "Slow burn",
  "tag.enemies-to-lovers": "Enemies to lovers",
  "tag.feel-good": "Feel-good",
  "tag.dark": "Dark",
  "tag.suspenseful": "Suspenseful",
  "tag.healing": "Healing",
  "status.ongoing": "Ongoing",
  "status.completed": "Completed",
  "sort.latest": "Newest",
  "sort.rating": "Highest rated",
  "sort.popularity": "Most popular",

  // Browse
  "browse.title": "Browse dramas",
  "browse.description":
    "Browse Chinese dramas by genre, mood, year and status, and sort them by what is new, best rated or popular.",
  "browse.filters": "Filter dramas",
  "browse.genre": "Genre",
  "browse.vibe": "Mood",
  "browse.year": "Year",
  "browse.status": "Status",
  "browse.sort": "Sort by",
  "browse.any": "Any",
  "browse.apply": "Apply filters",
  "browse.reset": "Clear filters",
  "browse.count": "{count, plural, one {# drama} other {# dramas}}",
  "browse.empty": "No dramas match these filters. Try clearing one.",
  // The grid of results on Browse and Search (a heading for screen readers: the cards' titles are level 3).

  // Search
  "search.title": "Search",
  "search.titleWithQuery": "“{q}” · Search · Dracin",
  "search.description": "Search Dracin's Chinese dramas by title, story, cast or genre.",
  "search.label": "Search",
  "search.hint": "Titles, stories, cast or genres, e.g. “revenge” or an actor's name.",
  "search.submit": "Search",
  "search.prompt": "Type a title, a name or a genre to search.",
  "search.none": "No dramas found for “{q}”.",
  "search.count": "{count, plural, one {# drama found for “{q}”.} other {# dramas found for “{q}”.}}",

  // Drama
  "drama.year": "Year",
  "drama.status": "Status",
  "drama.rating": "Rating",
  "drama.ratingValue": "{rating, number} out of 10",
  "drama.episodesLabel": "Episodes",
  "drama.episodes": "{count, plural, one {# episode} other {# episodes}}",
  "drama.available": "{available, number} of {total, number} episodes available",
  "drama.genres": "Genres and moods",
  "drama.cast": "Cast",
  "drama.play": "Play episode 1",
  "drama.playEpisode": "Play episode {episode}",
  "drama.resume": "Resume episode {episode}",
  "drama.playNext": "Play next: episode {episode}",
  "drama.watchAgain": "Watch again from episode 1",
  "drama.episodesTitle": "Episodes",
  "episode.number": "Episode {number}",
  "episode.numbers": "Episodes {from}–{to}",
  "episode.unavailable": "Not available yet",
  "episode.watched": "Watched",
  "episode.notStarted": "Not started",
  "episode.percentWatched": "{percent}% watched",
  "episode.markWatched": "Mark as watched",
  "episode.markUnwatched": "Mark as unwatched",
  "episode.markedWatched": "Episode {number} marked as watched.",
  "episode.markedUnwatched": "Episode {number} marked as unwatched.",

  // My List
  "favorites.add": "Add to My List",
  "favorites.remove": "Remove from My List",
  "favorites.added": "Added {title} to My List.",
  "favorites.removed": "Removed {title} from My List.",
  "favorites.signInToAdd": "Sign in to add to My List",
  "myList.title": "My List",
  "myList.empty": "Your list is empty.",
  "myList.browse": "Browse dramas",
  "myList.unavailable": "This drama is no longer available",

  // Watch
  "watch.playerLabel": "Video: {title}, episode {episode}",
  "watch.resumingAt": "Resuming at {time}.",
  "watch.episodeNav": "Episodes",
  "watch.previous": "Previous: episode {episode}",
  "watch.next": "Next episode: {episode}",
  "watch.markWatchedNext": "Mark as watched and play next",
  "watch.markWatchedLast": "Mark as watched",
  "watch.downloads": "Download video and subtitles",
  "watch.downloadVideo": "Video, {quality} (MP4)",
  "watch.downloadVideoSize": "Video, {quality} (MP4, ≈ {size})",
  "watch.downloadSubtitles": "Subtitles, {language} (WebVTT)",

  // Playback settings
  "settings.title": "Playback settings",
  "settings.captions": "Captions",
  "settings.captionsOff": "Off",
  "settings.autoplay": "Autoplay next episode",
  "settings.dataSaver": "Data saver",
  "settings.dataSaverHint": "Starts at the lowest quality and loads nothing before you press play.",
  "settings.on": "On",
  "settings.off": "Off",
  "settings.save": "Save settings",

  // History
  "history.title": "Watch history",
  "history.empty": "Nothing watched yet.",
  "history.remove": "Remove from history",
  "flash.historyRemoved": "Removed from your watch history.",

  // Pagination
  "pagination.label": "Pages",
  "pagination.previous": "Previous page",
  "pagination.next": "Next page",
  "pagination.page": "Page {page}",

  // Accounts
  "login.title": "Sign in",
  "login.description": "Sign in to Dracin to pick up every drama where you left off and keep My List on any device.",
  "login.submit": "Sign in",
  "login.invalid": "The email or password is not right. Please try again.",
  "login.noAccount": "New to Dracin?",
  "register.title": "Create account",
  "register.description":
    "Create a Dracin account to save your place in every episode, your watch history and My List.",
  "register.submit": "Create account",
  "register.haveAccount": "Already have an account?",
  "register.emailTaken": "We could not create an account with this email. If it is yours, sign in instead.",
  "account.title": "Account",
  "account.signedInAs": "Signed in as {email}.",
  "account.profile": "Profile",
  "account.saveName": "Save name",
  "account.changePassword": "Change password",
  "account.changePasswordSubmit": "Change password",
  "account.currentPasswordWrong": "The current password is not right.",
  "account.unknownAction": "That action is not available. Please use the buttons on this page.",
  "form.name": "Name",
  "form.email": "Email",
  "form.password": "Password",
  "form.currentPassword": "Current password",
  "form.newPassword": "New password",
  "form.password.hint":
    "At least {min} characters and at most {max} bytes (most letters are one byte; é or 中 take more). Avoid common passwords and your name or email. Pasting from a password manager is fine.",
  "form.name.required": "Enter your name.",
  "form.name.tooLong": "Use at most 60 characters for your name.",
  "form.email.required": "Enter your email address.",
  "form.email.invalid": "Enter an email address like name@example.com.",
  "form.password.required": "Enter your password.",
  "form.password.tooShort": "Use at least 8 characters for your password.",
  "form.password.tooLong": "Use at most 72 characters (bytes) for your password.",
  "form.currentPassword.required": "Enter your current password.",
  "form.newPassword.same": "Choose a new password that differs from the current one.",

  // Notices after a redirect
  "flash.signedOut": "You have signed out.",
  "flash.favoriteAdded": "Added to My List.",
  "flash.favoriteRemoved": "Removed from My List.",
  "flash.passwordChanged": "Your password has been changed.",
  "flash.profileSaved": "Your name has been saved.",
  "flash.preferencesSaved": "Your playback settings have been saved.",
  "flash.continueRemoved": "Removed from Continue Watching. It comes back when you play it again.",

  // Errors
  "error.notFound.title": "Page not found",
  "error.notFound.body": "We could not find that page. It may have moved, or the link may be wrong.",
  "error.generic.title": "Something went wrong",
  "error.generic.body": "Sorry, something went wrong on our side. Please try again in a moment.",
  "error.code": "Error {status}",
  "error.badRequest.title": "Bad request",
  "error.badRequest.body": "This address or form is malformed. Check the link and try again.",
  "error.home": "Go to the home page",
  "error.forbidden.title": "Not allowed",
  "error.forbidden.body": "This page is for administrators. You are signed in with an account that cannot open it.",
  "error.forbidden.formAgain": "Open the form again",
  "error.catalog.title": "The catalog is unavailable right now",
  "error.catalog.body":
    "We cannot load dramas and episodes at the moment. Your list, history and account are safe. Please try again in a minute.",
  "error.catalog.retry": "Try again",

  // Catalog (user pages when the catalog cannot describe a drama)
  "catalog.detailsUnavailable": "Details unavailable right now",
  "catalog.detailsUnavailableHint": "The catalog did not answer; this drama is still in your list.",

  // Admin: catalog
  "admin.catalog.title": "Catalog",
  "admin.catalog.clear": "Clear cache",
  "admin.catalog.cleared": "Catalog cache cleared.",
  // Features with their own files (app/i18n/en/*.ts)
  ...admin,
  ...auditEvents,
  ...auditTrail,
  ...captions,
  ...descriptions,
  ...email,
  ...incidents,
  ...oauth,
  ...pages,
  ...player,
  ...sessions,
  ...tracks,
  ...dataCost,
  ...feed,
  ...transcript,
  ...security,
} as const;
