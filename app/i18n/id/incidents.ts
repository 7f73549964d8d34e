/** Indonesian messages: admin incident controls: disabling accounts, signing everyone out, sessions across users (the keys of app/i18n/en/incidents.ts). */
import type { incidents as english } from "../en/incidents";

export const incidents = {} satisfies Record<keyof typeof english, string>;
