// How the tour screens show what a merge found: a field's name in the editor's words, a
// value as text, and which conflicts can take a value typed in.
import type { MessageKey } from './i18n'

/** A kit's fields (a conflict on item `k:N`). */
const KIT_FIELDS: Record<string, MessageKey> = {
  title: 'kit.kitTitle',
  profile: 'kit.profile',
  languages: 'kit.languages',
  vietnamese_beside: 'kit.beside',
  recipient: 'kit.recipient',
  outlet: 'kit.outlet',
  country: 'kit.country',
  contact: 'tour.field.contact',
  channel: 'facet.channels',
  deliver_at: 'kit.deliverAt',
  notes: 'tour.field.notes',
  items: 'kit.items',
  exclusions: 'tour.field.exclusions',
  acceptances: 'tour.field.acceptances',
}

/** The message naming a field of `item` ("caption:en" → Caption (en)), and its language if any. */
export function fieldLabel(field: string, item = ''): { key: MessageKey | null; lang: string; raw: string } {
  const [base, lang = ''] = field.split(/:(.*)/s)
  if (item.startsWith('k:')) return { key: KIT_FIELDS[field] ?? null, lang: '', raw: field }
  const keys: Record<string, MessageKey> = {
    caption: 'field.caption',
    headline: lang ? 'field.headlineIn' : 'reportage.headline',
    title: 'field.title',
    usage_terms: 'field.usageTerms',
    keywords: 'tour.field.keywords',
    creator: 'field.creator',
    credit: 'field.credit',
    copyright: 'field.copyright',
    city: 'field.city',
    province: 'field.province',
    location: 'field.location',
    country: 'field.country',
    classification: 'field.classification',
    embargo_until: 'field.embargo',
    rating: 'field.rating',
    label: 'field.label',
    territories: 'tour.field.territories',
    rights_expire: 'field.rightsExpire',
    model_release: 'field.modelRelease',
    property_release: 'field.propertyRelease',
    source_type: 'field.sourceType',
    source: 'field.source',
    licensor: 'field.licensor',
    web_statement: 'field.webStatement',
    instructions: 'field.instructions',
    themes: 'facet.themes',
    audiences: 'facet.audiences',
    lead_units: 'facet.lead_units',
    channels: 'facet.channels',
    subtitles: 'tour.field.subtitles',
    shots: 'tour.field.shots',
    standfirst: 'reportage.standfirst',
    body: 'reportage.body',
    status: 'reportage.status',
    byline: 'reportage.byline',
    dateline: 'reportage.dateline',
    notes: 'reportage.notes',
    items: 'reportage.items',
    role: 'tour.field.role',
  }
  return { key: keys[base] ?? null, lang, raw: field }
}

/** A value as one line of text; `null` when the field is empty on that side. */
export function shown(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) {
    if (value.length === 0) return null
    if (value.every((v) => typeof v !== 'object' || v === null)) return value.map(String).join(', ')
    return `${value.length} ×`
  }
  if (typeof value === 'object' && 'cues' in value && Array.isArray((value as { cues: unknown[] }).cues)) {
    return `${(value as { cues: unknown[] }).cues.length} cues`
  }
  return JSON.stringify(value)
}

/**
 * Subtitle tracks, shot lists and a kit's lists are taken whole from one side, then edited:
 * not typed (as `tour resolve --value` refuses them).
 */
export const typeable = (field: string, item = '') =>
  item.startsWith('k:')
    ? !['items', 'exclusions', 'acceptances'].includes(field)
    : !field.startsWith('subtitles:') && field !== 'shots'

/** A value as the conflict's input starts with it: lists comma-separated, as `tour resolve --value` takes them. */
export const asInput = (value: unknown) => (typeof value === 'object' && !Array.isArray(value) ? '' : (shown(value) ?? ''))
