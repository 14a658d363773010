// The plan's taxonomy (themes, audiences, lead units, channels), read once from the library,
// with each term's label in the UI's language.
import { call, commands, type Taxonomy } from './api'
import { ui } from './locale.svelte'

export type FacetName = 'themes' | 'audiences' | 'lead_units' | 'channels'
export const FACETS: FacetName[] = ['themes', 'audiences', 'lead_units', 'channels']

/** The facet an edit of each list names. */
export const FACET_EDIT: Record<FacetName, 'theme' | 'audience' | 'lead_unit' | 'channel'> = {
  themes: 'theme',
  audiences: 'audience',
  lead_units: 'lead_unit',
  channels: 'channel',
}

export const taxonomy = $state<{ value: Taxonomy | null }>({ value: null })

export function loadTaxonomy(): Promise<void> {
  return call(commands.taxonomy()).then((t) => {
    taxonomy.value = t
  })
}

export interface Term {
  id: string
  vi: string
  en: string
}

/** The terms a facet's values come from; theme ids are their numbers, as text. */
export function terms(facet: FacetName): Term[] {
  const t = taxonomy.value
  if (!t) return []
  switch (facet) {
    case 'themes':
      return t.themes.map((th) => ({ id: String(th.id), vi: `${th.id}. ${th.vi}`, en: `${th.id}. ${th.en}` }))
    case 'audiences':
      return t.audiences
    case 'lead_units':
      return t.units
    case 'channels':
      return t.channels
  }
}

export function label(term: Term): string {
  return ui.locale === 'en' ? term.en : term.vi
}

/** A value's label, or the value itself when the taxonomy does not know it (yet). */
export function termLabel(facet: FacetName, id: string): string {
  const term = terms(facet).find((x) => x.id === id)
  return term ? label(term) : id
}
