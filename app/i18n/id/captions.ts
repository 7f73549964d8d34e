/** Indonesian messages: caption appearance (the keys of app/i18n/en/captions.ts). */
import type { captions as english } from "../en/captions";

export const captions = {
  "captionStyle.title": "Gaya subtitel",
  "captionStyle.link": "Gaya subtitel",
  "captionStyle.intro": "Atur tampilan subtitel di setiap episode, dengan atau tanpa JavaScript.",
  "captionStyle.savedOnAccount": "Tersimpan di akunmu: berlaku di setiap perangkat tempat kamu masuk.",
  "captionStyle.savedInBrowser": "Tersimpan di browser ini. Masuk untuk menyimpannya di akunmu.",
  "captionStyle.authoredHint":
    "“Sesuai aslinya” membiarkan pengaturan seperti yang digambar file subtitel dan pemutar.",
  "captionStyle.back": "Kembali",
  "captionStyle.invalid": "Ada pilihan yang tidak tersedia, jadi tidak ada yang diubah. Pilih dari daftar, ya.",

  "captionStyle.preview": "Pratinjau",
  // Dialogue in the drama's own language, the same in every catalog (shown with lang="zh-Hans").
  "captionStyle.sampleChinese": "你好，殿下。",
  "captionStyle.sampleLine": "Halo, Yang Mulia.",

  "captionStyle.authored": "Sesuai aslinya",

  "captionStyle.size": "Ukuran teks",
  "captionStyle.size.small": "Kecil ({percent})",
  "captionStyle.size.standard": "Standar ({percent})",
  "captionStyle.size.large": "Besar ({percent})",
  "captionStyle.size.x-large": "Sangat besar ({percent})",

  "captionStyle.font": "Jenis huruf",
  "captionStyle.font.sans": "Sans-serif",
  "captionStyle.font.readable": "Sans-serif yang mudah dibaca (Verdana)",
  "captionStyle.font.serif": "Serif",
  "captionStyle.font.mono": "Monospace",
  "captionStyle.font.casual": "Santai",
  "captionStyle.font.small-caps": "Huruf kapital kecil",

  "captionStyle.text": "Teks",
  "captionStyle.background": "Latar teks",
  "captionStyle.backgroundHint": "Tepat di belakang kata-kata.",
  "captionStyle.window": "Jendela subtitel",
  "captionStyle.windowHint": "Kotak di sekitar baris subtitel.",
  "captionStyle.colour": "Warna",
  "captionStyle.opacity": "Opasitas",
  "captionStyle.opacity.transparent": "{percent} (transparan)",
  "captionStyle.opacity.solid": "{percent} (pekat)",

  "captionStyle.colour.white": "Putih",
  "captionStyle.colour.yellow": "Kuning",
  "captionStyle.colour.green": "Hijau",
  "captionStyle.colour.cyan": "Sian",
  "captionStyle.colour.blue": "Biru",
  "captionStyle.colour.magenta": "Magenta",
  "captionStyle.colour.red": "Merah",
  "captionStyle.colour.black": "Hitam",

  "captionStyle.edge": "Tepi huruf",
  "captionStyle.edge.none": "Tidak ada",
  "captionStyle.edge.raised": "Timbul",
  "captionStyle.edge.depressed": "Cekung",
  "captionStyle.edge.uniform": "Garis tepi",
  "captionStyle.edge.drop-shadow": "Bayangan",

  "captionStyle.save": "Simpan gaya subtitel",
  "captionStyle.reset": "Atur ulang ke aslinya",

  "captionStyle.account.heading": "Subtitel",
  "captionStyle.account.hint": "Ukuran teks, jenis huruf, warna, dan tepi subtitel.",

  "flash.captionStyleSaved": "Gaya subtitelmu sudah disimpan.",
  "flash.captionStyleReset": "Subtitel kembali tampil sesuai aslinya.",
} satisfies Record<keyof typeof english, string>;
