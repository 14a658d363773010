// The UI's words in Vietnamese (first) and English, and numbers, sizes and dates in the
// locale's format.
import { en } from './en'
import { vi } from './vi'

export type Locale = 'vi' | 'en'
export type MessageKey = keyof typeof vi

export const LOCALES: Locale[] = ['vi', 'en']
const MESSAGES: Record<Locale, Record<MessageKey, string>> = { vi, en }
const TAGS: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' }

/** The message `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = MESSAGES[locale][key] ?? MESSAGES.vi[key] ?? key
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? formatParam(locale, params[name]) : whole,
  )
}

function formatParam(locale: Locale, value: string | number): string {
  return typeof value === 'number' ? formatNumber(locale, value) : value
}

export function formatNumber(locale: Locale, n: number, digits = 0): string {
  return new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: digits }).format(n)
}

/** Bytes as a person reads them: "2,4 MB" in Vietnamese, "2.4 MB" in English. */
export function formatBytes(locale: Locale, bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return `${formatNumber(locale, value, unit === 0 ? 0 : 1)} ${units[unit]}`
}

/**
 * A capture time as recorded ("2025-03-14T09:30:00", with or without an offset) shown as
 * the wall-clock time it says, in the locale's format; anything unreadable as it is.
 */
export function formatDateTime(locale: Locale, recorded: string | null | undefined): string {
  if (!recorded) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(recorded)
  if (!m) return recorded
  const [, y, mo, d, h, mi, s] = m
  // The wall-clock time as recorded: built in UTC and shown in UTC, so no zone shifts it.
  const date = new Date(Date.UTC(+y, +mo - 1, +d, +(h ?? 0), +(mi ?? 0), +(s ?? 0)))
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', dateStyle: 'medium' }
  if (h != null) options.timeStyle = s != null ? 'medium' : 'short'
  return new Intl.DateTimeFormat(TAGS[locale], options).format(date)
}

/** An instant (RFC 3339, UTC or with an offset) in this machine's time zone, in the locale's format. */
export function formatInstant(locale: Locale, instant: string | null | undefined): string {
  if (!instant) return ''
  const date = new Date(instant)
  if (Number.isNaN(date.getTime())) return instant
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}
