// The UI language, chosen once and remembered; Vietnamese until someone picks English.
import { translate, type Locale, type MessageKey } from './i18n'

const STORED = 'mediadesk.locale'

function initial(): Locale {
  const stored = globalThis.localStorage?.getItem(STORED)
  return stored === 'en' || stored === 'vi' ? stored : 'vi'
}

export const ui = $state({ locale: initial() })

export function setLocale(locale: Locale) {
  ui.locale = locale
  globalThis.localStorage?.setItem(STORED, locale)
  document.documentElement.lang = locale
}

/** The message `key` in the current language. Reading `ui.locale` here makes callers reactive. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(ui.locale, key, params)
}
