// Summaries of the assets in view, fetched in batches as rows scroll in and kept until the
// library changes: the page holds a few hundred records, not the whole library.
import { SvelteMap } from 'svelte/reactivity'
import { call, commands, type AssetSummary } from './api'

export const summaries = new SvelteMap<number, AssetSummary>()
const asked = new Set<number>()

/** Fetches the summaries of `ids` not yet known. */
export async function ensure(ids: number[]) {
  const missing = ids.filter((id) => !summaries.has(id) && !asked.has(id))
  if (missing.length === 0) return
  for (const id of missing) asked.add(id)
  try {
    for (const s of await call(commands.assetSummaries(missing))) summaries.set(s.id, s as AssetSummary)
  } finally {
    for (const id of missing) asked.delete(id)
  }
}

/** Forgets what may have changed: all, or the given assets. */
export function forget(ids?: number[]) {
  if (!ids) summaries.clear()
  else for (const id of ids) summaries.delete(id)
}
