/** Indonesian messages: sessions (the keys of app/i18n/en/sessions.ts). */
import type { sessions as english } from "../en/sessions";

export const sessions = {
  // Device descriptions (app/utils/user-agent.server.ts)
  "sessions.device.browserVersion": "{browser} {version}",
  "sessions.device.browserOnOs": "{browser} di {os}",
  "sessions.device.unknownOnOs": "Browser tidak dikenal di {os}",
  "sessions.device.unknown": "Browser tidak dikenal",

  // /account (links)
  "sessions.account.heading": "Keamanan",
  "sessions.account.devicesLink": "Perangkat yang masuk",
  "sessions.account.devicesHint": "Lihat di mana saja kamu masuk, dan keluarkan browser lain.",
  "sessions.account.deleteHeading": "Hapus akun",
  "sessions.account.deleteHint": "Hapus akunmu beserta semua yang tersimpan di dalamnya.",
  "sessions.account.deleteLink": "Hapus akun",

  // /account/sessions
  "sessions.title": "Perangkat yang masuk",
  "sessions.intro":
    "Browser dan perangkat ini sedang masuk ke akunmu. Jika ada yang tidak kamu kenali, akhiri sesinya lalu ubah kata sandimu.",
  "sessions.back": "Kembali ke akunmu",
  "sessions.listHeading": "Sesi aktif",
  "sessions.count": "{count, plural, other {# sesi aktif}}",
  "sessions.thisSession": "Sesi ini",
  "sessions.ipAddress": "Alamat IP",
  "sessions.ipUnknown": "Tidak diketahui",
  "sessions.signedIn": "Masuk",
  "sessions.lastSeen": "Terakhir aktif",
  "sessions.end": "Akhiri sesi",
  "sessions.endCurrent": "Keluar dari sesi ini",
  "sessions.endNamed": "Akhiri sesi: {device}",
  "sessions.endCurrentNamed": "Keluar dari sesi ini: {device}",
  "sessions.othersHeading": "Akhiri semua sesi lain",
  "sessions.othersIntro": "Mengeluarkan semua browser dan perangkat kecuali yang ini.",
  "sessions.othersNone": "Ini satu-satunya sesimu yang sedang masuk.",
  "sessions.othersSubmit": "Akhiri semua sesi lain",
  "sessions.timeoutsNote":
    "Sesi berakhir setelah {idleDays} hari tidak dipakai, dan paling lambat {maxDays} hari setelah masuk.",

  // Re-authentication (ending other sessions, deleting the account)
  "sessions.reauth.passwordRequired": "Masukkan kata sandimu saat ini.",
  "sessions.reauth.passwordWrong": "Kata sandi salah.",
  // 10 minutes = FRESH_SIGN_IN_MS in app/models/users.server.ts.
  "sessions.reauth.freshHint":
    "Akunmu tidak punya kata sandi: kamu masuk dalam 10 menit terakhir, dan itu memastikan bahwa ini memang kamu.",
  "sessions.reauth.stale":
    "Akunmu tidak punya kata sandi. Untuk memastikan ini memang kamu, keluar, masuk lagi, lalu kembali ke halaman ini dalam 10 menit.",
  "sessions.notFound": "Sesi itu tidak ditemukan. Mungkin sesinya sudah berakhir.",
  "sessions.unknownAction": "Tindakan itu tidak tersedia. Gunakan tombol di halaman ini.",

  // Notices after a redirect
  "sessions.flash.ended": "Sesi sudah diakhiri. Browser itu sudah keluar.",
  "sessions.flash.othersEnded": "Semua sesimu yang lain sudah diakhiri.",
  "sessions.flash.noOthers": "Tidak ada sesi lain yang perlu diakhiri.",
  "sessions.flash.accountDeleted": "Akunmu sudah dihapus.",

  // /account/delete
  "sessions.delete.title": "Hapus akun",
  "sessions.delete.intro": "Menghapus akun bersifat permanen dan tidak dapat dibatalkan. Kami akan menghapus:",
  "sessions.delete.itemProfile": "profil, alamat email, dan kata sandimu",
  "sessions.delete.itemProviders": "akun Google atau GitHub yang terhubung untuk masuk",
  "sessions.delete.itemSessions": "semua sesi yang sedang masuk: semua browser dan perangkatmu akan dikeluarkan",
  "sessions.delete.itemProgress": "progres tontonan dan Lanjutkan Menonton",
  "sessions.delete.itemHistory": "riwayat tontonanmu",
  "sessions.delete.itemFavorites": "Daftarku",
  "sessions.delete.auditNote":
    "Log keamanan kami tetap menyimpan catatan aktivitas masuk dan perubahan pada akun ini, serta penghapusannya, beserta alamat IP dan browser asalnya, tetapi tanpa nama atau alamat emailmu.",
  "sessions.delete.confirmHeading": "Konfirmasi",
  "sessions.delete.passwordLabel": "Kata sandi saat ini",
  "sessions.delete.submit": "Hapus akunku",
  "sessions.delete.wrongPassword": "Kata sandi salah. Akunmu tidak dihapus.",
  "sessions.delete.cancel": "Pertahankan akunku",
} satisfies Record<keyof typeof english, string>;
