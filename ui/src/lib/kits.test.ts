import { describe, expect, it } from 'vitest'
import type { KitFinding as Finding } from './bindings'
import { fixes, reportageOf } from './kits'

const finding = (rule: Finding['rule'], item = '12'): Finding =>
  ({ item, rule, reason: '', fix: '', via: null, lang: null, field: null, accepted: null }) as Finding

describe('kit fixes', () => {
  it('offer no override for the hard rules', () => {
    for (const rule of ['classified', 'internal', 'embargo', 'territory', 'rights_expired', 'release'] as const) {
      expect(fixes(finding(rule))).not.toContain('accept')
      expect(fixes(finding(rule))).toContain('drop')
    }
  })
  it('lead to the place the fix is made', () => {
    expect(fixes(finding('translation'))[0]).toBe('translation')
    expect(fixes(finding('territory'))[0]).toBe('rights')
    expect(fixes(finding('classified'))[0]).toBe('open')
    expect(fixes(finding('missing_field'))).toEqual(['open', 'accept', 'drop'])
  })
  it('know a reportage from an asset', () => {
    expect(reportageOf('r:3')).toBe(3)
    expect(reportageOf('12')).toBeNull()
  })
})
