// Summaries of the assets in view, fetched in batches as rows scroll in. When the library
// changes they go stale rather than away: the grid keeps showing them (no flicker while an
// import fills it in) until the fresh ones arrive.
import { SvelteMap } from 'svelte/reactivity'
import { call, commands, type AssetSummary } from './api'

export const summaries = new SvelteMap<number, AssetSummary>()
/** Bumped when everything may have changed; the grid asks again for what it shows. */
export const freshness = $state({ generation: 0 })
const fetchedIn = new Map<number, number>()
const asked = new Set<number>()
/** Summaries kept: a few screens around the view, not every row ever scrolled past. */
const KEEP = 1500

/** Fetches the summaries of `ids` not yet known, or known from before the last change. */
export async function ensure(ids: number[]) {
  const generation = freshness.generation
  const wanted = ids.filter((id) => fetchedIn.get(id) !== generation && !asked.has(id))
  if (wanted.length === 0) return
  for (const id of wanted) asked.add(id)
  try {
    for (const s of await call(commands.assetSummaries(wanted))) {
      summaries.set(s.id, s as AssetSummary)
      fetchedIn.set(s.id, generation)
    }
    // The oldest fetched go first (a Map keeps insertion order); those in view stay.
    if (summaries.size > KEEP) {
      const inView = new Set(ids)
      for (const id of [...summaries.keys()].slice(0, summaries.size - KEEP)) {
        if (inView.has(id)) continue
        summaries.delete(id)
        fetchedIn.delete(id)
      }
    }
  } finally {
    for (const id of wanted) asked.delete(id)
  }
  // The library changed while these were on their way: they may be from before the change.
  if (freshness.generation !== generation) await ensure(ids)
}

/** Marks every summary stale (a page of them is one call to fetch again). */
export function forget() {
  freshness.generation++
}
