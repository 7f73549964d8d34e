/** Indonesian messages: security (the keys of app/i18n/en/security.ts). */
import type { security as english } from "../en/security";

export const security = {
  "security.throttled.login":
    "Terlalu banyak percobaan masuk yang gagal dari sini. Demi keamananmu, tunggu {minutes} menit lalu coba lagi, atau atur ulang kata sandimu.",
  "security.throttled.generic": "Terlalu banyak percobaan. Tunggu {minutes} menit, lalu coba lagi.",
  "security.crossSite": "Permintaan ini tidak berasal dari Dracin, jadi ditolak.",
  "http.badRequest": "Alamat atau permintaan ini tidak valid. Periksa tautannya, lalu coba lagi.",
  "http.methodNotAllowed": "Dracin tidak melayani jenis permintaan ini (metode HTTP-nya).",
  "http.tooLarge": "Permintaan ini terlalu besar untuk diterima Dracin.",
  "http.unsupportedType": "Dracin tidak dapat membaca permintaan ini: jenis atau set karakternya tidak didukung.",
  "http.serverError": "Terjadi kesalahan di pihak kami. Coba lagi.",
} satisfies Record<keyof typeof english, string>;
