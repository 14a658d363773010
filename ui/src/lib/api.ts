// Calls into the Tauri shell through the generated bindings (bindings.ts), with errors thrown
// as `UiError` ({code, message}) instead of returned.
import { commands, type UiError } from './bindings'

export * from './bindings'

type Result<T> = { status: 'ok'; data: T } | { status: 'error'; error: UiError }

/** The value of a command, or its `UiError` thrown. */
export async function call<T>(result: Promise<Result<T>>): Promise<T> {
  const r = await result
  if (r.status === 'error') throw r.error
  return r.data
}

/** The message of anything a command threw. */
export function message(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message)
  return String(e)
}

export { commands }

export type PictureVariant = 'grid' | 'preview' | 'strip'

/**
 * A rendered picture of an asset, served by id through the app's `thumb:` protocol; the
 * content hash in the query keeps the webview's cache from showing another content's picture.
 */
export const pictureUrl = (asset: { id: number; content_hash: string }, variant: PictureVariant = 'grid') =>
  `thumb://localhost/${asset.id}/${variant}?h=${asset.content_hash.slice(0, 16)}`

/** The film or sound the webview plays for an asset (its proxy, else the original). */
export const mediaUrl = (id: number) => `media://localhost/${id}`

/** "1:05" or "1:02:03". */
export function clock(seconds: number): string {
  const s = Math.round(seconds)
  const two = (n: number) => String(n).padStart(2, '0')
  return s >= 3600
    ? `${Math.floor(s / 3600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`
    : `${Math.floor(s / 60)}:${two(s % 60)}`
}

/** Classifications that must show a warning stamp wherever the item appears. */
export const isStateSecret = (c: string) => c === 'confidential' || c === 'secret' || c === 'top_secret'

/** Colour labels as drawn, the same in light and dark. */
export const LABEL_COLOURS: Record<string, string> = {
  red: '#d93025',
  yellow: '#f2b705',
  green: '#1e8e3e',
  blue: '#1a73e8',
  purple: '#8e44ad',
}
