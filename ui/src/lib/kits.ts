// What the kit builder offers for a preflight finding: the fix one click away.
import type { KitFinding as Finding, KitRule as Rule } from './bindings'

/** The languages a kit can go out in, as the catalog tags them. */
export const KIT_LANGUAGES = ['en', 'ko', 'ja', 'zh-Hans', 'zh-Hant', 'fr', 'ru', 'vi']

export type Fix = 'open' | 'rights' | 'translation' | 'accept' | 'drop'

const HARD: Rule[] = ['classified', 'internal', 'embargo', 'territory', 'rights_expired', 'release', 'unrenderable', 'empty']

/** The fixes for a finding, the likeliest first. Hard rules have no "accept". */
export function fixes(f: Finding): Fix[] {
  const out: Fix[] = []
  switch (f.rule) {
    case 'classified':
    case 'internal':
    case 'embargo':
      out.push('open')
      break
    case 'territory':
    case 'rights_expired':
    case 'release':
      out.push('rights')
      break
    case 'translation':
      out.push('translation')
      break
    case 'subtitles':
    case 'missing_field':
    case 'status':
      out.push('open')
      break
  }
  if (!HARD.includes(f.rule) && f.rule !== 'status') out.push('accept')
  if (f.item && f.rule !== 'status' && f.rule !== 'empty') out.push('drop')
  return out
}

/** The reportage number of an item reference ("r:3"), or null for an asset. */
export function reportageOf(item: string): number | null {
  return item.startsWith('r:') ? Number(item.slice(2)) : null
}
