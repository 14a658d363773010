import { describe, expect, it } from 'vitest'
import { asInput, fieldLabel, shown, typeable } from './tours'

describe('tour conflicts', () => {
  it('name a field in the editor’s words, with its language', () => {
    expect(fieldLabel('caption:en')).toEqual({ key: 'field.caption', lang: 'en', raw: 'caption:en' })
    expect(fieldLabel('headline').key).toBe('reportage.headline')
    expect(fieldLabel('headline:ko')).toMatchObject({ key: 'field.headlineIn', lang: 'ko' })
    expect(fieldLabel('body:zh-Hans')).toMatchObject({ key: 'reportage.body', lang: 'zh-Hans' })
    expect(fieldLabel('role:12')).toMatchObject({ key: 'tour.field.role', lang: '12' })
    expect(fieldLabel('something_new').key).toBeNull()
    expect(fieldLabel('title', 'k:2').key).toBe('kit.kitTitle')
    expect(fieldLabel('title', '12').key).toBe('field.title')
  })
  it('show each kind of value as a line, and nothing as empty', () => {
    expect(shown('Rừng Cát Tiên')).toBe('Rừng Cát Tiên')
    expect(shown(['rừng', 'voi'])).toBe('rừng, voi')
    expect(shown(4)).toBe('4')
    expect(shown([0.25, 0.5])).toBe('0.25, 0.5')
    expect(shown({ lang: 'ko', cues: [{}, {}, {}] })).toBe('3 cues')
    expect(shown([{ in_ms: 0 }, { in_ms: 5 }])).toBe('2 ×')
    for (const empty of [null, undefined, '', []]) expect(shown(empty)).toBeNull()
  })
  it('let a value be typed only where the command line takes one', () => {
    expect(typeable('keywords')).toBe(true)
    expect(typeable('subtitles:en')).toBe(false)
    expect(typeable('shots')).toBe(false)
    expect(typeable('recipient', 'k:2')).toBe(true)
    expect(typeable('items', 'k:2')).toBe(false)
    expect(asInput(['a', 'b'])).toBe('a, b')
    expect(asInput({ cues: [] })).toBe('')
    expect(asInput(null)).toBe('')
  })
})
