// Calls into the Tauri shell, typed. (Generated bindings replace these hand-written types
// with the desktop app issue's binding generator.)
import { invoke } from '@tauri-apps/api/core'

export type Kind = 'photo' | 'video' | 'audio'
export type Classification = 'public' | 'internal' | 'confidential' | 'secret' | 'top_secret'

export interface AssetSummary {
  id: number
  kind: Kind
  path: string | null
  filename: string | null
  headline: string | null
  captions: Record<string, string>
  captured_at: string | null
  creator: string | null
  camera: string | null
  width: number | null
  height: number | null
  classification: Classification
  content_hash: string
  duration_s?: number
}

export interface LibraryStatus {
  root: string
  assets: number
}

export interface UiError {
  code: string
  message: string
}

export const libraryStatus = () => invoke<LibraryStatus>('library_status')

export const findAssets = (text: string, kind: Kind | null = null, limit = 5000) =>
  invoke<AssetSummary[]>('find_assets', { find: { text, kind, limit } })

/** A rendered picture of an asset, served by id through the app's `thumb:` protocol. */
export const pictureUrl = (id: number, variant: 'grid' | 'preview' | 'strip' = 'grid') =>
  `thumb://localhost/${id}/${variant}`

/** "1:05" or "1:02:03". */
export function clock(seconds: number): string {
  const s = Math.round(seconds)
  const two = (n: number) => String(n).padStart(2, '0')
  return s >= 3600
    ? `${Math.floor(s / 3600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`
    : `${Math.floor(s / 60)}:${two(s % 60)}`
}
