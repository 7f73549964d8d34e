/**
 * The audio description and screen-reader part of the playback settings form
 * under the video (/watch): a plain form that works without JavaScript; the
 * player script fills and enables the voice list (app/client/player/descriptions.ts).
 */
import { useT } from "~/i18n";
import { DESCRIPTION_RATES } from "~/lib/descriptions";
import type { Preferences } from "~/utils/preferences.server";

/** Audio description and screen-reader settings, part of the playback settings form. */
export function DescriptionSettings({
  preferences,
  available,
}: {
  preferences: Pick<
    Preferences,
    "description" | "extendedDescription" | "descriptionRate" | "descriptionVoice" | "readCaptions"
  >;
  available: boolean;
}) {
  const t = useT();
  return (
    <fieldset className="settings-group">
      <legend>{t("descriptions.legend")}</legend>
      <div className="field">
        <label htmlFor="pref-description">{t("descriptions.mode")}</label>{" "}
        <select
          id="pref-description"
          name="description"
          defaultValue={preferences.description}
          aria-describedby="pref-description-hint"
        >
          <option value="off">{t("descriptions.mode.off")}</option>
          <option value="speech">{t("descriptions.mode.speech")}</option>
          <option value="screen-reader">{t("descriptions.mode.screenReader")}</option>
        </select>
        <p id="pref-description-hint" className="field-hint">
          {available ? t("descriptions.modeHint") : t("descriptions.unavailable")}
        </p>
      </div>
      <div className="field">
        <label htmlFor="pref-extended-description">{t("descriptions.extended")}</label>{" "}
        <select
          id="pref-extended-description"
          name="extendedDescription"
          defaultValue={preferences.extendedDescription ? "1" : "0"}
        >
          <option value="1">{t("settings.on")}</option>
          <option value="0">{t("settings.off")}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="pref-description-rate">{t("descriptions.rate")}</label>{" "}
        <select id="pref-description-rate" name="descriptionRate" defaultValue={preferences.descriptionRate}>
          {DESCRIPTION_RATES.map((rate) => (
            <option key={rate} value={rate}>
              {t("descriptions.rateValue", { rate: Number(rate) })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="pref-description-voice">{t("descriptions.voice")}</label>{" "}
        {/* Voices are the device's: the player script lists them and enables this; without it the default voice speaks. */}
        <select
          id="pref-description-voice"
          name="descriptionVoice"
          defaultValue={preferences.descriptionVoice}
          disabled
          aria-describedby="pref-description-voice-hint"
          data-voice={preferences.descriptionVoice}
        >
          <option value="">{t("player.defaultVoice")}</option>
        </select>
        <p id="pref-description-voice-hint" className="field-hint">
          {t("descriptions.voiceHint")}
        </p>
      </div>
      <div className="field">
        <label htmlFor="pref-read-captions">{t("descriptions.readCaptions")}</label>{" "}
        <select
          id="pref-read-captions"
          name="readCaptions"
          defaultValue={preferences.readCaptions ? "1" : "0"}
          aria-describedby="pref-read-captions-hint"
        >
          <option value="1">{t("settings.on")}</option>
          <option value="0">{t("settings.off")}</option>
        </select>
        <p id="pref-read-captions-hint" className="field-hint">
          {t("descriptions.readCaptionsHint")}
        </p>
      </div>
    </fieldset>
  );
}
