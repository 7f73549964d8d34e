/**
 * OAuth sign-in buttons (login and register pages) and the "Connected
 * accounts" section of /account. Every button is a plain POST form with the
 * CSRF field: starting a sign-in or changing a connection is a state change.
 */
import { CsrfField } from "~/components/csrf-field";
import { FormError } from "~/components/field";
import { useLocale, useT, type MessageKey } from "~/i18n";
import { formatDateTime } from "~/i18n/format";

export interface ProviderButton {
  id: string;
  label: string;
}

/** "Continue with <provider>" for each enabled provider; nothing when none is. */
export function OAuthButtons({ providers, redirectTo }: { providers: ProviderButton[]; redirectTo: string }) {
  const t = useT();
  if (providers.length === 0) return null;
  return (
    <section aria-label={t("oauth.providersLabel")} className="oauth-buttons stack">
      <p className="oauth-or">{t("oauth.or")}</p>
      {providers.map((provider) => (
        <form key={provider.id} method="post" action={`/auth/${provider.id}`}>
          <CsrfField />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <button type="submit" className="button button-secondary oauth-button">
            {t("oauth.continueWith", { provider: provider.label })}
          </button>
        </form>
      ))}
    </section>
  );
}

export interface ConnectionView {
  id: string;
  label: string;
  connected: boolean;
  connectedAt: string | null;
  enabled: boolean;
}

/** The /account section: each provider with Connect or Disconnect. */
export function ConnectedAccounts({
  items,
  hasPassword,
  error,
  headingLevel = 2,
}: {
  items: ConnectionView[];
  hasPassword: boolean;
  error?: { key: MessageKey; provider: string } | null;
  headingLevel?: 1 | 2;
}) {
  const t = useT();
  const locale = useLocale();
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const connectedCount = items.filter((item) => item.connected).length;
  return (
    <section aria-labelledby="connections-title" className="panel connections">
      <Heading id="connections-title">{t("oauth.connections.title")}</Heading>
      {error ? <FormError message={t(error.key, { provider: error.provider })} /> : null}
      {items.length === 0 ? (
        <p>{t("oauth.connections.none")}</p>
      ) : (
        <>
          <p>{t("oauth.connections.intro")}</p>
          <ul className="connections-list">
            {items.map((item) => {
              const onlyMethod = item.connected && !hasPassword && connectedCount <= 1;
              const noteId = `connection-${item.id}-note`;
              return (
                <li key={item.id} className="connection">
                  <span className="connection-name">
                    <strong>{item.label}</strong>
                    {item.enabled ? null : <> {t("oauth.connections.disabled")}</>}
                  </span>
                  <span className="connection-status">
                    {item.connected && item.connectedAt
                      ? t("oauth.connections.connectedOn", { date: formatDateTime(new Date(item.connectedAt), locale) })
                      : t("oauth.connections.notConnected")}
                  </span>
                  <form method="post" action="/account/connections">
                    <CsrfField />
                    <input type="hidden" name="provider" value={item.id} />
                    <input type="hidden" name="intent" value={item.connected ? "disconnect" : "connect"} />
                    {item.connected ? (
                      <button
                        type="submit"
                        className="button button-secondary button-small"
                        aria-describedby={onlyMethod ? noteId : undefined}
                      >
                        {t("oauth.connections.disconnect", { provider: item.label })}
                      </button>
                    ) : (
                      <button type="submit" className="button button-small">
                        {t("oauth.connections.connect", { provider: item.label })}
                      </button>
                    )}
                  </form>
                  {onlyMethod ? (
                    <p id={noteId} className="field-hint">
                      {t("oauth.connections.onlyMethod")}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
