/** Indonesian messages: oauth (the keys of app/i18n/en/oauth.ts). */
import type { oauth as english } from "../en/oauth";

export const oauth = {
  "oauth.continueWith": "Continue with {provider}",
  "oauth.or": "or",
  "oauth.providersLabel": "Sign in with another account",
  "oauth.start.title": "Continue with {provider}",
  "oauth.start.body": "You will be sent to {provider} to confirm who you are, then brought back here.",
  "oauth.failure.title": "Sign-in with {provider} did not work",
  "oauth.failure.connectTitle": "Connecting {provider} did not work",
  "oauth.failure.tryAgain": "Try again",
  "oauth.failure.home": "Go to the home page",
  "oauth.failure.signIn": "Sign in with your password",
  "oauth.failure.missing_state": "This sign-in link is incomplete. Please start again from the sign-in page.",
  "oauth.failure.bad_state":
    "This sign-in attempt expired or was started in another browser window. Please start again.",
  "oauth.failure.access_denied": "You cancelled the sign-in at {provider}. Nothing was changed.",
  "oauth.failure.provider_error": "{provider} could not sign you in. Please try again.",
  "oauth.failure.token_error": "{provider} did not confirm the sign-in. Please try again in a moment.",
  "oauth.failure.network_error": "We could not reach {provider}. Please try again in a moment.",
  "oauth.failure.bad_userinfo": "{provider} sent back account details we could not read. Please try again later.",
  "oauth.failure.no_email":
    "{provider} did not share an email address with us, so we cannot create an account. Check your {provider} settings, or register with an email and password.",
  "oauth.failure.email_exists":
    "An account with this email already exists. Sign in with your password, then connect {provider} from your Account page.",
  "oauth.failure.identity_taken":
    "This {provider} account is already connected to another Dracin account. Nothing was changed.",
  "oauth.failure.provider_already_connected":
    "Your account is already connected to a different {provider} account. Disconnect it first.",
  "oauth.failure.not_signed_in": "Your session ended while connecting {provider}. Sign in and try again.",
  "oauth.failure.conflict": "Something else changed this account at the same moment. Please try again.",
  "oauth.connections.title": "Connected accounts",
  "oauth.connections.intro": "Sign in to Dracin with these accounts as well as (or instead of) a password.",
  "oauth.connections.none": "No sign-in providers are set up on this site.",
  "oauth.connections.caption": "Sign-in providers",
  "oauth.connections.provider": "Provider",
  "oauth.connections.status": "Status",
  "oauth.connections.action": "Action",
  "oauth.connections.connectedOn": "Connected on {date}",
  "oauth.connections.notConnected": "Not connected",
  "oauth.connections.disabled": "(no longer offered)",
  "oauth.connections.connect": "Connect {provider}",
  "oauth.connections.disconnect": "Disconnect {provider}",
  "oauth.connections.onlyMethod":
    "This is your only way to sign in, so it can be disconnected only after you connect another account.",
  "oauth.connections.lastMethod":
    "You cannot disconnect {provider}: it is your only way to sign in. Connect another account first.",
  "oauth.connections.notConnectedError": "{provider} is not connected to your account.",
  "oauth.connections.unknownProvider": "That provider is not available. Please use the buttons on this page.",
  "oauth.connections.back": "Back to your account",
  "oauth.flash.connected": "The account is connected. You can now sign in with it.",
  "oauth.flash.alreadyConnected": "That account was already connected.",
  "oauth.flash.disconnected": "The account is disconnected.",
} satisfies Record<keyof typeof english, string>;
