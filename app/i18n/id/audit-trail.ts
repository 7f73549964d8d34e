/** Indonesian messages: the audit trail: verification, retention, legal hold and shipping (the keys of app/i18n/en/audit-trail.ts). */
import type { auditTrail as english } from "../en/audit-trail";

export const auditTrail = {
  "audit.nav.integrity": "Integritas dan retensi",
  "audit.verify.title": "Integritas log audit",
  "audit.verify.intro":
    "Setiap entri audit disegel dengan hash berkunci yang juga mencakup entri sebelumnya, jadi entri yang diubah, dihapus, atau ditambahkan langsung di basis data akan memutus rantainya.",
  "audit.verify.heading": "Verifikasi log audit",
  "audit.verify.explain":
    "Memeriksa segel setiap entri secara berurutan dan melaporkan titik pertama tempat rantainya putus. Setiap pemeriksaan juga dicatat di log audit.",
  "audit.verify.submit": "Verifikasi log audit",
  "audit.verify.invalidForm": "Permintaan tidak valid: gunakan tombol di halaman integritas.",
  "audit.verify.intact": "Log audit utuh.",
  "audit.verify.intactDetail": "{rows, plural, other {# entri}} diperiksa (posisi {first}–{last}) dalam {duration}.",
  "audit.verify.pending":
    "{count, plural, other {# entri}} baru saja ditulis dan akan segera disegel; segel masing-masing entri itu valid.",
  "audit.verify.checkedBefore": "{rows, plural, other {# entri}} sebelum titik itu valid. Diperiksa dalam {duration}.",
  "audit.verify.openEntry": "Buka entri tempat rantainya putus",
  "audit.verify.kind.changed": "Log audit rusak: ada entri yang diubah.",
  "audit.verify.kind.missing": "Log audit rusak: ada entri yang hilang.",
  "audit.verify.kind.inserted": "Log audit rusak: ada entri yang disisipkan.",
  "audit.verify.reason.gap": "Entri di posisi {seq}–{through} telah dihapus.",
  "audit.verify.reason.duplicate": "Ada entri kedua yang mengaku berada di posisi {seq}.",
  "audit.verify.reason.fields": "Entri di posisi {seq} berbeda dari yang dicatat.",
  "audit.verify.reason.user": "Entri di posisi {seq} menyebut pengguna lain, bukan pengguna yang dicatat.",
  "audit.verify.reason.seal": "Segel entri di posisi {seq} telah diubah, atau ada entri yang dipindahkan.",
  "audit.verify.reason.order": "Entri di posisi {seq} tidak mengikuti entri sebelumnya.",
  "audit.verify.reason.start": "Entri tertua, sampai posisi {seq}, dihapus tanpa catatan dari tugas retensi.",
  "audit.verify.reason.forged": "Ada entri yang tidak ditulis oleh Dracin ditambahkan ke basis data.",
  "audit.verify.reason.tail": "Entri terbaru, posisi {seq}–{through}, telah dihapus.",
  "audit.verify.reason.head": "Catatan rantai tentang entri terbarunya (posisi {seq}) telah diubah.",
  "audit.entry.position": "Posisi dalam rantai",
  "audit.entry.pending": "Belum disegel (baru saja ditulis)",
  "audit.entry.seal": "Segel (HMAC-SHA-256)",
  "audit.retention.heading": "Retensi",
  "audit.retention.policy": "Kebijakan",
  "audit.retention.policyValue":
    "Entri disimpan selama {days, plural, other {# hari}}; entri yang lebih lama dihapus oleh tugas harian yang mencatat apa saja yang dihapusnya.",
  "audit.retention.oldest": "Entri tertua yang disimpan",
  "audit.retention.none": "Belum ada entri",
  "audit.retention.rows": "Entri dalam rantai",
  "audit.retention.lastPrune": "Penghapusan terakhir",
  "audit.retention.never": "Belum pernah",
  "audit.retention.lastPruneFailed": "dihentikan: rantai rusak di bagian yang akan dihapus, jadi bagian itu disimpan",
  "audit.retention.summary":
    "Entri disimpan selama {days, plural, other {# hari}}; entri tertua yang disimpan berasal dari {oldest}.",
  "audit.retention.summaryHeld": "Penahanan hukum sedang aktif: tidak ada entri yang dihapus.",
  "audit.retention.verifyLink": "Integritas dan retensi",
  "audit.hold.label": "Penahanan hukum (legal hold)",
  "audit.hold.on": "Aktif: tidak ada yang dihapus",
  "audit.hold.off": "Nonaktif",
  "audit.hold.explain":
    "Penahanan hukum menghentikan penghapusan entri lama, misalnya selama investigasi. Mengaktifkan atau menonaktifkannya dicatat di log audit.",
  "audit.hold.turnOn": "Aktifkan penahanan hukum",
  "audit.hold.turnOff": "Nonaktifkan penahanan hukum",
  "audit.hold.turnedOn": "Penahanan hukum aktif: tidak ada entri audit yang akan dihapus.",
  "audit.hold.turnedOff": "Penahanan hukum nonaktif: entri yang melewati masa retensi akan dihapus.",
} satisfies Record<keyof typeof english, string>;
