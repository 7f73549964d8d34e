/** Indonesian messages: oauth (the keys of app/i18n/en/oauth.ts). */
import type { oauth as english } from "../en/oauth";

export const oauth = {
  "oauth.continueWith": "Lanjutkan dengan {provider}",
  "oauth.or": "atau",
  "oauth.providersLabel": "Masuk dengan akun lain",
  "oauth.start.title": "Lanjutkan dengan {provider}",
  "oauth.start.body": "Kamu akan diarahkan ke {provider} untuk memastikan identitasmu, lalu dibawa kembali ke sini.",
  "oauth.failure.title": "Gagal masuk dengan {provider}",
  "oauth.failure.connectTitle": "Gagal menghubungkan {provider}",
  "oauth.failure.tryAgain": "Coba lagi",
  "oauth.failure.home": "Ke beranda",
  "oauth.failure.signIn": "Masuk dengan kata sandi",
  "oauth.failure.missing_state": "Tautan masuk ini tidak lengkap. Mulai lagi dari halaman masuk.",
  "oauth.failure.bad_state":
    "Percobaan masuk ini sudah kedaluwarsa atau dimulai di jendela browser lain. Silakan mulai lagi.",
  "oauth.failure.access_denied": "Kamu membatalkan proses masuk di {provider}. Tidak ada yang diubah.",
  "oauth.failure.provider_error": "Proses masuk di {provider} gagal. Coba lagi.",
  "oauth.failure.token_error": "{provider} tidak mengonfirmasi proses masuk. Silakan coba beberapa saat lagi.",
  "oauth.failure.network_error": "Kami tidak dapat terhubung ke {provider}. Silakan coba beberapa saat lagi.",
  "oauth.failure.bad_userinfo": "{provider} mengirim detail akun yang tidak dapat kami baca. Coba lagi nanti.",
  "oauth.failure.no_email":
    "{provider} tidak membagikan alamat email kepada kami, jadi kami tidak dapat membuat akun. Periksa pengaturan {provider}-mu, atau daftar dengan email dan kata sandi.",
  "oauth.failure.email_exists":
    "Akun dengan email ini sudah ada. Masuk dengan kata sandimu, lalu hubungkan {provider} dari halaman Akun.",
  "oauth.failure.identity_taken": "Akun {provider} ini sudah terhubung ke akun Dracin lain. Tidak ada yang diubah.",
  "oauth.failure.provider_already_connected":
    "Akunmu sudah terhubung ke akun {provider} yang lain. Putuskan dulu akun itu.",
  "oauth.failure.not_signed_in": "Sesimu berakhir saat menghubungkan {provider}. Masuk, lalu coba lagi.",
  "oauth.failure.conflict": "Ada perubahan lain pada akun ini di saat yang sama. Coba lagi.",
  "oauth.connections.title": "Akun yang terhubung",
  "oauth.connections.intro": "Masuk ke Dracin dengan akun-akun ini, sebagai tambahan (atau pengganti) kata sandi.",
  "oauth.connections.none": "Belum ada penyedia login yang disiapkan di situs ini.",
  "oauth.connections.caption": "Penyedia login",
  "oauth.connections.provider": "Penyedia",
  "oauth.connections.status": "Status",
  "oauth.connections.action": "Tindakan",
  "oauth.connections.connectedOn": "Terhubung sejak {date}",
  "oauth.connections.notConnected": "Tidak terhubung",
  "oauth.connections.disabled": "(sudah tidak tersedia)",
  "oauth.connections.connect": "Hubungkan {provider}",
  "oauth.connections.disconnect": "Putuskan {provider}",
  "oauth.connections.onlyMethod":
    "Ini satu-satunya caramu untuk masuk, jadi baru bisa diputuskan setelah kamu menghubungkan akun lain.",
  "oauth.connections.lastMethod":
    "Kamu tidak dapat memutuskan {provider}: ini satu-satunya caramu untuk masuk. Hubungkan akun lain terlebih dahulu.",
  "oauth.connections.notConnectedError": "{provider} tidak terhubung ke akunmu.",
  "oauth.connections.unknownProvider": "Penyedia itu tidak tersedia. Gunakan tombol di halaman ini.",
  "oauth.connections.back": "Kembali ke akunmu",
  "oauth.flash.connected": "Akun sudah terhubung. Sekarang kamu bisa masuk dengannya.",
  "oauth.flash.alreadyConnected": "Akun itu sudah terhubung sebelumnya.",
  "oauth.flash.disconnected": "Akun sudah diputuskan.",
} satisfies Record<keyof typeof english, string>;
