/**
 * Indonesian messages (Bahasa Indonesia): the keys and placeholders of the
 * English catalog (app/i18n/en/index.ts), in the words of docs/glossary.md.
 * Indonesian has only the plural category "other", so every plural here has
 * that one form ("{count, plural, other {# drama}}").
 */
import type { Messages } from "../catalog";
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

export const id: Messages = {
  // The language itself: its name in its own language (the language switch).
  "locale.name": "Bahasa Indonesia",

  "language.label": "Bahasa",

  // Layout
  "layout.skip": "Langsung ke konten",
  "layout.footer":
    "Dracin — drama pendek untuk setiap layar. Katalog demo: semua judul, cerita, dan nama di sini hanya rekaan.",
  "layout.requestFailed": "Terjadi kesalahan. Coba lagi.",
  "layout.offline": "Sepertinya kamu sedang offline. Coba lagi.",
  "nav.label": "Utama",
  "nav.browse": "Jelajahi",
  "nav.search": "Cari",
  "nav.myList": "Daftarku",
  "nav.history": "Riwayat",
  "nav.account": "Akun",
  "nav.signIn": "Masuk",
  "nav.register": "Buat akun",
  "nav.signOut": "Keluar",

  // Home
  "home.title": "Dracin · Drama China untuk setiap layar",
  "home.description":
    "Tonton drama China di ponsel apa pun, dengan jaringan apa pun, lengkap dengan subtitel serta dukungan penuh untuk keyboard dan pembaca layar.",
  "home.featured": "Pilihan",
  "home.featuredCta": "Lihat drama",
  "home.seeAll": "Lihat semua",
  "home.row.continue": "Lanjutkan Menonton",
  "home.row.myList": "Daftarku",
  "home.row.latest": "Terbaru",
  "home.row.popular": "Populer sekarang",
  "continue.resume": "Lanjutkan episode {episode}",
  "continue.playNext": "Putar episode {episode}",
  "continue.minutesLeft": "Episode {episode}: sisa {minutes} menit",
  "continue.nextEpisode": "Berikutnya: episode {episode}",
  "continue.remove": "Hapus dari Lanjutkan Menonton",

  // Tags
  "tag.romance": "Romansa",
  "tag.historical": "Sejarah",
  "tag.fantasy": "Fantasi",
  "tag.revenge": "Balas dendam",
  "tag.comedy": "Komedi",
  "tag.family": "Keluarga",
  "tag.mystery": "Misteri",
  "tag.workplace": "Dunia kerja",
  "tag.youth": "Masa muda",
  "tag.thriller": "Thriller",
  "tag.sweet": "Manis",
  "tag.heartbreaking": "Menyayat hati",
  "tag.slow-burn": "Cinta perlahan",
  "tag.enemies-to-lovers": "Dari musuh jadi cinta",
  "tag.feel-good": "Menyenangkan",
  "tag.dark": "Kelam",
  "tag.suspenseful": "Menegangkan",
  "tag.healing": "Menenangkan",
  "status.ongoing": "Sedang tayang",
  "status.completed": "Tamat",
  "sort.latest": "Terbaru",
  "sort.rating": "Rating tertinggi",
  "sort.popularity": "Paling populer",

  // Browse
  "browse.title": "Jelajahi drama",
  "browse.description":
    "Jelajahi drama China menurut genre, suasana, tahun, dan status, lalu urutkan dari yang terbaru, rating tertinggi, atau terpopuler.",
  "browse.filters": "Filter drama",
  "browse.genre": "Genre",
  "browse.vibe": "Suasana",
  "browse.year": "Tahun",
  "browse.status": "Status",
  "browse.sort": "Urutkan",
  "browse.any": "Semua",
  "browse.apply": "Terapkan filter",
  "browse.reset": "Hapus filter",
  "browse.count": "{count, plural, other {# drama}}",
  "browse.empty": "Tidak ada drama yang cocok dengan filter ini. Coba hapus salah satunya.",

  // Search
  "search.title": "Cari",
  "search.titleWithQuery": "“{q}” · Cari · Dracin",
  "search.description": "Cari drama China di Dracin menurut judul, cerita, pemeran, atau genre.",
  "search.label": "Cari",
  "search.hint": "Judul, cerita, pemeran, atau genre, misalnya “balas dendam” atau nama aktor.",
  "search.submit": "Cari",
  "search.prompt": "Ketik judul, nama, atau genre untuk mencari.",
  "search.none": "Tidak ada drama untuk “{q}”.",
  "search.count": "{count, plural, other {# drama ditemukan untuk “{q}”.}}",

  // Drama
  "drama.year": "Tahun",
  "drama.status": "Status",
  "drama.rating": "Rating",
  "drama.ratingValue": "{rating, number} dari 10",
  "drama.episodesLabel": "Episode",
  "drama.episodes": "{count, plural, other {# episode}}",
  "drama.available": "{available, number} dari {total, number} episode tersedia",
  "drama.genres": "Genre dan suasana",
  "drama.cast": "Pemeran",
  "drama.play": "Putar episode 1",
  "drama.playEpisode": "Putar episode {episode}",
  "drama.resume": "Lanjutkan episode {episode}",
  "drama.playNext": "Putar berikutnya: episode {episode}",
  "drama.watchAgain": "Tonton lagi dari episode 1",
  "drama.episodesTitle": "Episode",
  "episode.number": "Episode {number}",
  "episode.numbers": "Episode {from}–{to}",
  "episode.unavailable": "Belum tersedia",
  "episode.watched": "Sudah ditonton",
  "episode.notStarted": "Belum ditonton",
  "episode.percentWatched": "{percent}% ditonton",
  "episode.markWatched": "Tandai sudah ditonton",
  "episode.markUnwatched": "Tandai belum ditonton",
  "episode.markedWatched": "Episode {number} ditandai sudah ditonton.",
  "episode.markedUnwatched": "Episode {number} ditandai belum ditonton.",

  // My List
  "favorites.add": "Tambahkan ke Daftarku",
  "favorites.remove": "Hapus dari Daftarku",
  "favorites.added": "{title} ditambahkan ke Daftarku.",
  "favorites.removed": "{title} dihapus dari Daftarku.",
  "favorites.signInToAdd": "Masuk untuk menambahkan ke Daftarku",
  "myList.title": "Daftarku",
  "myList.empty": "Daftarmu masih kosong.",
  "myList.browse": "Jelajahi drama",
  "myList.unavailable": "Drama ini sudah tidak tersedia",

  // Watch
  "watch.playerLabel": "Video: {title}, episode {episode}",
  "watch.resumingAt": "Melanjutkan dari {time}.",
  "watch.episodeNav": "Episode",
  "watch.previous": "Sebelumnya: episode {episode}",
  "watch.next": "Episode berikutnya: {episode}",
  "watch.markWatchedNext": "Tandai sudah ditonton dan putar berikutnya",
  "watch.markWatchedLast": "Tandai sudah ditonton",
  "watch.downloads": "Unduh video dan subtitel",
  "watch.downloadVideo": "Video kualitas {quality} (MP4)",
  "watch.downloadVideoSize": "Video kualitas {quality} (MP4, ≈ {size})",
  "watch.downloadSubtitles": "Subtitel, {language} (WebVTT)",

  // Playback settings
  "settings.title": "Pengaturan pemutaran",
  "settings.captions": "Subtitel",
  "settings.captionsOff": "Mati",
  "settings.autoplay": "Putar otomatis episode berikutnya",
  "settings.dataSaver": "Hemat data",
  "settings.dataSaverHint": "Mulai dari kualitas terendah dan tidak memuat apa pun sebelum kamu menekan putar.",
  "settings.on": "Aktif",
  "settings.off": "Nonaktif",
  "settings.save": "Simpan pengaturan",

  // History
  "history.title": "Riwayat tontonan",
  "history.empty": "Belum ada yang ditonton.",
  "history.remove": "Hapus dari riwayat",
  "flash.historyRemoved": "Dihapus dari riwayat tontonanmu.",

  // Pagination
  "pagination.label": "Halaman",
  "pagination.previous": "Halaman sebelumnya",
  "pagination.next": "Halaman berikutnya",
  "pagination.page": "Halaman {page}",

  // Accounts
  "login.title": "Masuk",
  "login.description":
    "Masuk ke Dracin untuk melanjutkan setiap drama dari bagian terakhir yang kamu tonton dan membawa Daftarku ke perangkat mana pun.",
  "login.submit": "Masuk",
  "login.invalid": "Email atau kata sandi salah. Coba lagi.",
  "login.noAccount": "Baru di Dracin?",
  "register.title": "Buat akun",
  "register.description":
    "Buat akun Dracin untuk menyimpan posisi tontonan di setiap episode, riwayat tontonan, dan Daftarku.",
  "register.submit": "Buat akun",
  "register.haveAccount": "Sudah punya akun?",
  "register.emailTaken": "Kami tidak dapat membuat akun dengan email ini. Jika email ini milikmu, masuk saja.",
  "account.title": "Akun",
  "account.signedInAs": "Masuk sebagai {email}.",
  "account.profile": "Profil",
  "account.saveName": "Simpan nama",
  "account.changePassword": "Ubah kata sandi",
  "account.changePasswordSubmit": "Ubah kata sandi",
  "account.currentPasswordWrong": "Kata sandi saat ini salah.",
  "account.unknownAction": "Tindakan itu tidak tersedia. Gunakan tombol di halaman ini.",
  "form.name": "Nama",
  "form.email": "Email",
  "form.password": "Kata sandi",
  "form.currentPassword": "Kata sandi saat ini",
  "form.newPassword": "Kata sandi baru",
  "form.password.hint":
    "Minimal {min} karakter dan maksimal {max} byte (kebanyakan huruf berukuran satu byte; é atau 中 lebih dari itu). Hindari kata sandi yang umum serta nama atau emailmu. Boleh menempelkan dari pengelola kata sandi.",
  "form.name.required": "Masukkan namamu.",
  "form.name.tooLong": "Gunakan maksimal 60 karakter untuk namamu.",
  "form.email.required": "Masukkan alamat emailmu.",
  "form.email.invalid": "Masukkan alamat email seperti nama@example.com.",
  "form.password.required": "Masukkan kata sandimu.",
  "form.password.tooShort": "Gunakan minimal 8 karakter untuk kata sandimu.",
  "form.password.tooLong": "Gunakan maksimal 72 karakter (byte) untuk kata sandimu.",
  "form.currentPassword.required": "Masukkan kata sandimu saat ini.",
  "form.newPassword.same": "Pilih kata sandi baru yang berbeda dari kata sandi saat ini.",

  // Notices after a redirect
  "flash.signedOut": "Kamu sudah keluar.",
  "flash.favoriteAdded": "Ditambahkan ke Daftarku.",
  "flash.favoriteRemoved": "Dihapus dari Daftarku.",
  "flash.passwordChanged": "Kata sandimu sudah diubah.",
  "flash.profileSaved": "Namamu sudah disimpan.",
  "flash.preferencesSaved": "Pengaturan pemutaranmu sudah disimpan.",
  "flash.continueRemoved": "Dihapus dari Lanjutkan Menonton. Drama ini muncul lagi saat kamu memutarnya kembali.",

  // Errors
  "error.notFound.title": "Halaman tidak ditemukan",
  "error.notFound.body":
    "Kami tidak dapat menemukan halaman itu. Mungkin halamannya sudah dipindahkan, atau tautannya salah.",
  "error.generic.title": "Terjadi kesalahan",
  "error.generic.body": "Maaf, terjadi kesalahan di pihak kami. Silakan coba beberapa saat lagi.",
  "error.code": "Kesalahan {status}",
  "error.badRequest.title": "Permintaan tidak valid",
  "error.badRequest.body": "Alamat atau formulir ini tidak valid. Periksa tautannya, lalu coba lagi.",
  "error.home": "Ke beranda",
  "error.forbidden.title": "Tidak diizinkan",
  "error.forbidden.body": "Halaman ini khusus admin. Kamu masuk dengan akun yang tidak dapat membukanya.",
  "error.forbidden.formAgain": "Buka formulirnya lagi",
  "error.catalog.title": "Katalog sedang tidak tersedia",
  "error.catalog.body":
    "Kami belum dapat memuat drama dan episode saat ini. Daftar, riwayat, dan akunmu tetap aman. Coba lagi dalam satu menit.",
  "error.catalog.retry": "Coba lagi",

  // Catalog (user pages when the catalog cannot describe a drama)
  "catalog.detailsUnavailable": "Detail sedang tidak tersedia",
  "catalog.detailsUnavailableHint": "Katalog tidak merespons; drama ini tetap ada di daftarmu.",

  // Admin: catalog
  "admin.catalog.title": "Katalog",
  "admin.catalog.clear": "Hapus cache",
  "admin.catalog.cleared": "Cache katalog sudah dihapus.",
  // Features with their own files (app/i18n/id/*.ts)
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
};
