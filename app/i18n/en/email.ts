/** English messages: email (merged into app/i18n/en.ts). Keys are prefixed by feature. */
export const email = {
  // Password policy (app/auth/password-policy.server.ts): each says why.
  "email.password.tooLong":
    "Use at most 72 bytes for your password: passwords are stored with bcrypt, which ignores everything after the 72nd byte (letters such as é or 中 take 2 to 4 bytes).",
  "email.password.common":
    "This is a commonly used password. Choose something less predictable: a few unrelated words work well.",
  "email.password.keyboard": "Rows and patterns of keys on the keyboard are easy to guess. Add another word or two.",
  "email.password.repeat": "Repeated characters such as “aaa” or “abcabc” are easy to guess. Add another word or two.",
  "email.password.sequence": "Sequences such as “abc” or “6543” are easy to guess. Add another word or two.",
  "email.password.dates": "Dates and years are easy to guess. Add another word or two.",
  "email.password.word": "A single word is easy to guess. Add another word or two.",
  "email.password.names": "Names are easy to guess. Add another word or two.",
  "email.password.personal": "Your password must not contain your name or the first part of your email address.",
  "email.password.guessable": "Too easy to guess: add another word or two, or make it longer.",
  "email.password.mismatch": "The two passwords do not match.",
  "email.password.confirm": "Confirm new password",

  // Throttling
  "email.throttled":
    "{count, plural, one {Too many attempts. Please wait # minute and try again.} other {Too many attempts. Please wait # minutes and try again.}}",

  // Verify banner and page
  "email.banner.text": "Please confirm your email address {email}: open the link we sent you.",
  "email.banner.resend": "Resend email",
  "email.verify.title": "Confirm your email",
  "email.verify.sentTitle": "Check your inbox",
  "email.verify.sentBody":
    "We have sent a message to the address you entered. Open the link in it to continue. If it does not arrive within a few minutes, look in your spam folder.",
  "email.verify.sentSignIn": "Already have an account?",
  "email.verify.continue": "Continue to Dracin",
  "email.verify.doneTitle": "Email address confirmed",
  "email.verify.doneBody": "Thank you: your email address is confirmed.",
  "email.verify.already": "Your email address {email} is confirmed.",
  "email.verify.pending":
    "Your email address {email} is not confirmed yet. Open the link we sent you, or ask for a new one.",
  "email.verify.signedOut": "Sign in to ask for a new confirmation link.",
  "email.verify.invalidTitle": "This link does not work",
  "email.verify.invalidBody": "The confirmation link is not valid or has already been used.",
  "email.verify.expiredTitle": "This link has expired",
  "email.verify.expiredBody": "Confirmation links work for 24 hours. Ask for a new one below.",
  "email.verify.resent": "We have sent you a new confirmation link.",
  "email.verify.alreadyDone": "Your email address is already confirmed.",
  "email.verify.flashDone": "Your email address is confirmed.",

  // Account page
  "email.account.verified": "Your email address is confirmed.",
  "email.account.unverified":
    "Your email address is not confirmed yet. Open the link we sent you, or ask for a new one.",

  // Forgot password
  "email.forgot.link": "Forgot your password?",
  "email.forgot.title": "Reset your password",
  "email.forgot.description": "Forgot your Dracin password? Get a link by email to choose a new one.",
  "email.forgot.intro": "Enter the email address of your account and we will send you a link to choose a new password.",
  "email.forgot.submit": "Send reset link",
  "email.forgot.sent": "If an account exists for that address, we have sent a link to it. The link expires in 1 hour.",
  "email.forgot.back": "Back to sign in",

  // Reset password
  "email.reset.title": "Choose a new password",
  "email.reset.submit": "Change password",
  "email.reset.invalidTitle": "This reset link does not work",
  "email.reset.invalidBody": "The link is not valid or has already been used.",
  "email.reset.expiredTitle": "This reset link has expired",
  "email.reset.expiredBody": "Reset links work for 1 hour.",
  "email.reset.again": "Ask for a new link",
  "email.reset.done": "Your password has been changed. Sign in with your new password.",

  // The emails themselves (plain text; the HTML version is built from the same strings)
  "email.mail.greeting": "Hello {name},",
  "email.mail.signature": "— Dracin",
  "email.mail.verify.subject": "Confirm your email address for Dracin",
  "email.mail.verify.body": "Please confirm your email address by opening this link (it works for 24 hours):",
  "email.mail.verify.button": "Confirm my email address",
  "email.mail.verify.ignore": "If you did not create a Dracin account, you can ignore this message.",
  "email.mail.reset.subject": "Reset your Dracin password",
  "email.mail.reset.body":
    "Someone asked to reset the password of your Dracin account. To choose a new password, open this link (it works for 1 hour, once):",
  "email.mail.reset.button": "Choose a new password",
  "email.mail.reset.ignore": "If you did not ask for this, ignore this message: your password stays as it is.",
  "email.mail.taken.subject": "Someone tried to create a Dracin account with your email",
  "email.mail.taken.body":
    "Someone (perhaps you) tried to create a new Dracin account with this email address, which already has an account. No new account was created.",
  "email.mail.taken.signIn": "To sign in, go to:",
  "email.mail.taken.reset": "If you forgot your password, you can reset it here:",
  "email.mail.taken.ignore": "If it was not you, you can ignore this message.",
} as const;
