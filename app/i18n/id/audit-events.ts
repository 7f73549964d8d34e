/** Indonesian messages: refused requests and the events the audit trail records about itself (the keys of app/i18n/en/audit-events.ts). */
import type { auditEvents as english } from "../en/audit-events";

export const auditEvents = {
  "auditEvents.refusal.heading": "Apa yang ditolak",
  "auditEvents.refusal.kind.admin":
    "Pengguna yang sudah masuk tetapi bukan admin membuka halaman, unduhan, atau tindakan admin.",
  "auditEvents.refusal.kind.ownership": "Seorang pengguna mencoba mengubah data milik pengguna lain.",
  "auditEvents.refusal.kind.csrf":
    "Perubahan yang tidak berasal dari halaman Dracin: dikirim dari situs lain, atau tanpa token formulir yang valid.",
  "auditEvents.refusal.kind.throttle": "Permintaan yang melewati batasnya, dijawab “Terlalu banyak permintaan”.",
  "auditEvents.refusal.suppressed":
    "{count, plural, other {Sebelum entri ini, # penolakan lain dengan jenis yang sama dari alamat IP ini tidak dicatat.}}",
  "auditEvents.refusal.suppressedAll":
    "{count, plural, other {Secara keseluruhan, # permintaan yang ditolak tidak dicatat di server ini antara entri penolakan sebelumnya dan entri ini.}}",
  "auditEvents.refusal.limits":
    "Permintaan yang ditolak dicatat {perSource, plural, other {paling banyak # kali}} per menit untuk tiap jenis dan alamat IP, dan paling banyak {perInstance, number} kali per menit untuk tiap server.",
} satisfies Record<keyof typeof english, string>;
