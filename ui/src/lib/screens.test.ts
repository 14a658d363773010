import { describe, expect, it } from 'vitest'
import { screenOfKey, SCREENS } from './screens'

const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, altKey: false, ctrlKey: false, metaKey: false, ...mods }) as KeyboardEvent

describe('screens', () => {
  it('are reached with Alt and their number, and nothing else', () => {
    expect(screenOfKey(key('1', { altKey: true }))).toBe('library')
    expect(screenOfKey(key('2', { altKey: true }))).toBe('reportages')
    expect(screenOfKey(key(String(SCREENS.length), { altKey: true }))).toBe(SCREENS[SCREENS.length - 1])
    expect(screenOfKey(key(String(SCREENS.length + 1), { altKey: true }))).toBeNull()
    expect(screenOfKey(key('2'))).toBeNull()
    expect(screenOfKey(key('2', { altKey: true, ctrlKey: true }))).toBeNull()
  })
})
