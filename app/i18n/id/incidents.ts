/** Indonesian messages: admin incident controls: disabling accounts, signing everyone out, sessions across users (the keys of app/i18n/en/incidents.ts). */
import type { incidents as english } from "../en/incidents";

export const incidents = {
  // Navigasi admin
  "incidents.nav.sessions": "Sesi",

  // /admin/users/:userId: menonaktifkan dan mengaktifkan akun
  "incidents.user.status": "Status",
  "incidents.user.enabled": "Aktif",
  "incidents.user.disabled": "Nonaktif",
  "incidents.user.disabledAt": "Dinonaktifkan pada",
  "incidents.user.access": "Akses akun",
  "incidents.user.disableHint":
    "Mengeluarkan pengguna ini dari semua perangkat dan mencegahnya masuk. Datanya tetap tersimpan.",
  "incidents.user.enableHint": "Pengguna ini bisa masuk lagi.",
  "incidents.user.disable": "Nonaktifkan akun",
  "incidents.user.enable": "Aktifkan akun",
  "incidents.user.selfNote": "Kamu tidak bisa menonaktifkan akunmu sendiri.",
  "incidents.user.self":
    "Kamu tidak bisa menonaktifkan akunmu sendiri. Minta admin lain jika akun ini memang perlu dinonaktifkan.",
  "incidents.user.lastAdmin":
    "Ini admin aktif terakhir, jadi akunnya tetap aktif. Jadikan akun lain admin terlebih dulu.",

  // /admin/sessions
  "incidents.sessions.title": "Sesi aktif",
  "incidents.sessions.intro":
    "Semua sesi yang sedang masuk dari semua pengguna, yang terakhir aktif lebih dulu. Waktu dalam UTC.",
  "incidents.sessions.filters": "Filter sesi",
  "incidents.sessions.email": "Email berisi",
  "incidents.sessions.emailHint": "Sebagian alamat email.",
  "incidents.sessions.ip": "Alamat IP",
  "incidents.sessions.ipHint": "Alamat yang persis sama, misalnya 203.0.113.7 atau 2001:db8::1.",
  "incidents.sessions.user": "ID pengguna",
  "incidents.sessions.results": "Sesi",
  "incidents.sessions.caption": "Sesi aktif, yang terakhir aktif lebih dulu",
  "incidents.sessions.captionOlder": "Sesi aktif, halaman lebih lama",
  "incidents.sessions.count": "{count, plural, other {Menampilkan # sesi.}}",
  "incidents.sessions.countMore": "{count, plural, other {Menampilkan # sesi; sesi yang lebih lama menyusul.}}",
  "incidents.sessions.none": "Tidak ada sesi aktif yang cocok dengan filter ini.",
  "incidents.sessions.col.user": "Pengguna",
  "incidents.sessions.col.device": "Perangkat",
  "incidents.sessions.col.ip": "Alamat IP",
  "incidents.sessions.col.signedIn": "Masuk",
  "incidents.sessions.col.lastSeen": "Terakhir aktif",
  "incidents.sessions.col.action": "Tindakan",
  "incidents.sessions.end": "Akhiri sesi",
  "incidents.sessions.endNamed": "Akhiri sesi: {device}, {email}",
  "incidents.sessions.pages": "Halaman sesi",
  "incidents.sessions.newest": "Terbaru",
  "incidents.sessions.older": "Sesi lebih lama",
  "incidents.sessions.error.user": "ID pengguna hanya berisi huruf, angka, tanda hubung, dan garis bawah.",
  "incidents.sessions.error.cursor": "Tautan halaman ini tidak valid. Mulai lagi dari sesi terbaru.",

  // Keluarkan semua orang
  "incidents.endAll.heading": "Keluarkan semua orang",
  "incidents.endAll.intro":
    "Mengakhiri semua sesi semua pengguna sekaligus, termasuk sesimu: semua orang harus masuk lagi. Gunakan ini jika sesi mungkin telah dicuri.",
  "incidents.endAll.submit": "Keluarkan semua orang",

  // Pemberitahuan setelah dialihkan
  "incidents.flash.disabled": "Akun sudah dinonaktifkan dan semua sesinya sudah diakhiri.",
  "incidents.flash.enabled": "Akun sudah diaktifkan. Pengguna ini bisa masuk lagi.",
  "incidents.flash.alreadyDisabled": "Akun ini memang sudah nonaktif; tidak ada yang berubah.",
  "incidents.flash.alreadyEnabled": "Akun ini memang sudah aktif; tidak ada yang berubah.",
  "incidents.flash.everyoneSignedOut": "Semua orang sudah dikeluarkan, termasuk kamu. Masuk lagi untuk melanjutkan.",
} satisfies Record<keyof typeof english, string>;
