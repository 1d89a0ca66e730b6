/**
 * Strings of this screen, merged by renderer/src/i18n under the key "briefing"
 * (use t('briefing.someKey')). Vietnamese first; English must have the same keys.
 */
export const vi = {} as const;
export const en: typeof vi = {};
