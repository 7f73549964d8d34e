/** Indonesian messages: email (the keys of app/i18n/en/email.ts). */
import type { email as english } from "../en/email";

export const email = {
  // Password policy (app/auth/password-policy.server.ts): each says why.
  "email.password.tooLong":
    "Gunakan maksimal 72 byte untuk kata sandimu: kata sandi disimpan dengan bcrypt, yang mengabaikan semua setelah byte ke-72 (huruf seperti é atau 中 memakai 2 sampai 4 byte).",
  "email.password.common":
    "Kata sandi ini sering dipakai orang. Pilih yang lebih sulit ditebak: beberapa kata yang tidak saling berhubungan sudah cukup bagus.",
  "email.password.keyboard": "Deretan dan pola tombol di keyboard mudah ditebak. Tambahkan satu atau dua kata lagi.",
  "email.password.repeat":
    "Karakter berulang seperti “aaa” atau “abcabc” mudah ditebak. Tambahkan satu atau dua kata lagi.",
  "email.password.sequence": "Urutan seperti “abc” atau “6543” mudah ditebak. Tambahkan satu atau dua kata lagi.",
  "email.password.dates": "Tanggal dan tahun mudah ditebak. Tambahkan satu atau dua kata lagi.",
  "email.password.word": "Satu kata saja mudah ditebak. Tambahkan satu atau dua kata lagi.",
  "email.password.names": "Nama mudah ditebak. Tambahkan satu atau dua kata lagi.",
  "email.password.personal": "Kata sandimu tidak boleh berisi namamu atau bagian depan alamat emailmu.",
  "email.password.guessable": "Terlalu mudah ditebak: tambahkan satu atau dua kata lagi, atau buat lebih panjang.",
  "email.password.mismatch": "Kedua kata sandi tidak sama.",
  "email.password.confirm": "Konfirmasi kata sandi baru",

  // Throttling
  "email.throttled": "{count, plural, other {Terlalu banyak percobaan. Tunggu # menit, lalu coba lagi.}}",

  // Verify banner and page
  "email.banner.text": "Konfirmasi alamat emailmu {email}: buka tautan yang kami kirimkan.",
  "email.banner.resend": "Kirim ulang email",
  "email.verify.title": "Konfirmasi emailmu",
  "email.verify.sentTitle": "Periksa kotak masukmu",
  "email.verify.sentBody":
    "Kami sudah mengirim pesan ke alamat yang kamu masukkan. Buka tautan di dalamnya untuk melanjutkan. Jika pesannya belum masuk dalam beberapa menit, periksa folder spam.",
  "email.verify.sentSignIn": "Sudah punya akun?",
  "email.verify.continue": "Lanjut ke Dracin",
  "email.verify.doneTitle": "Alamat email terkonfirmasi",
  "email.verify.doneBody": "Terima kasih: alamat emailmu sudah terkonfirmasi.",
  "email.verify.already": "Alamat emailmu {email} sudah terkonfirmasi.",
  "email.verify.pending":
    "Alamat emailmu {email} belum dikonfirmasi. Buka tautan yang kami kirimkan, atau minta tautan baru.",
  "email.verify.signedOut": "Masuk untuk meminta tautan konfirmasi baru.",
  "email.verify.invalidTitle": "Tautan ini tidak berfungsi",
  "email.verify.invalidBody": "Tautan konfirmasi tidak valid atau sudah pernah dipakai.",
  "email.verify.expiredTitle": "Tautan ini sudah kedaluwarsa",
  "email.verify.expiredBody": "Tautan konfirmasi berlaku selama 24 jam. Minta tautan baru di bawah.",
  "email.verify.resent": "Kami sudah mengirimkan tautan konfirmasi baru.",
  "email.verify.alreadyDone": "Alamat emailmu sudah terkonfirmasi.",
  "email.verify.flashDone": "Alamat emailmu sudah terkonfirmasi.",

  // Account page
  "email.account.verified": "Alamat emailmu sudah terkonfirmasi.",
  "email.account.unverified":
    "Alamat emailmu belum dikonfirmasi. Buka tautan yang kami kirimkan, atau minta tautan baru.",

  // Forgot password
  "email.forgot.link": "Lupa kata sandi?",
  "email.forgot.title": "Atur ulang kata sandi",
  "email.forgot.description": "Lupa kata sandi Dracin? Dapatkan tautan lewat email untuk membuat kata sandi baru.",
  "email.forgot.intro":
    "Masukkan alamat email akunmu, lalu kami akan mengirimkan tautan untuk memilih kata sandi baru.",
  "email.forgot.submit": "Kirim tautan atur ulang",
  "email.forgot.sent":
    "Jika ada akun dengan alamat itu, kami sudah mengirimkan tautan ke sana. Tautan berlaku selama 1 jam.",
  "email.forgot.back": "Kembali ke halaman masuk",

  // Reset password
  "email.reset.title": "Pilih kata sandi baru",
  "email.reset.submit": "Ubah kata sandi",
  "email.reset.invalidTitle": "Tautan atur ulang ini tidak berfungsi",
  "email.reset.invalidBody": "Tautan tidak valid atau sudah pernah dipakai.",
  "email.reset.expiredTitle": "Tautan atur ulang ini sudah kedaluwarsa",
  "email.reset.expiredBody": "Tautan atur ulang berlaku selama 1 jam.",
  "email.reset.again": "Minta tautan baru",
  "email.reset.done": "Kata sandimu sudah diubah. Masuk dengan kata sandi barumu.",

  // The emails themselves (plain text; the HTML version is built from the same strings)
  "email.mail.greeting": "Halo {name},",
  "email.mail.signature": "— Dracin",
  "email.mail.verify.subject": "Konfirmasi alamat emailmu untuk Dracin",
  "email.mail.verify.body": "Konfirmasi alamat emailmu dengan membuka tautan ini (berlaku selama 24 jam):",
  "email.mail.verify.button": "Konfirmasi alamat emailku",
  "email.mail.verify.ignore": "Jika kamu tidak membuat akun Dracin, abaikan saja pesan ini.",
  "email.mail.reset.subject": "Atur ulang kata sandi Dracin-mu",
  "email.mail.reset.body":
    "Seseorang meminta untuk mengatur ulang kata sandi akun Dracin-mu. Untuk memilih kata sandi baru, buka tautan ini (berlaku selama 1 jam, sekali pakai):",
  "email.mail.reset.button": "Pilih kata sandi baru",
  "email.mail.reset.ignore": "Jika kamu tidak memintanya, abaikan pesan ini: kata sandimu tetap seperti sebelumnya.",
  "email.mail.taken.subject": "Seseorang mencoba membuat akun Dracin dengan emailmu",
  "email.mail.taken.body":
    "Seseorang (mungkin kamu) mencoba membuat akun Dracin baru dengan alamat email ini, padahal alamat ini sudah punya akun. Tidak ada akun baru yang dibuat.",
  "email.mail.taken.signIn": "Untuk masuk, buka:",
  "email.mail.taken.reset": "Jika kamu lupa kata sandi, kamu bisa mengatur ulang di sini:",
  "email.mail.taken.ignore": "Jika itu bukan kamu, abaikan saja pesan ini.",
} satisfies Record<keyof typeof english, string>;
