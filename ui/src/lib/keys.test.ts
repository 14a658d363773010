import { describe, expect, it } from 'vitest'
import { actionOf, LABEL_KEYS, SHORTCUTS } from './keys'
import { vi } from './i18n/vi'

describe('keyboard', () => {
  it('rates with 0 to 5 and labels with 6 to 9 and P', () => {
    expect(actionOf({ key: '0' }, false)).toEqual({ do: 'rate', stars: 0 })
    expect(actionOf({ key: '5' }, false)).toEqual({ do: 'rate', stars: 5 })
    expect(actionOf({ key: '6' }, false)).toEqual({ do: 'label', label: 'red' })
    expect(actionOf({ key: '9' }, false)).toEqual({ do: 'label', label: 'blue' })
    expect(actionOf({ key: 'P' }, false)).toEqual({ do: 'label', label: 'purple' })
    expect(new Set(Object.values(LABEL_KEYS)).size).toBe(5)
  })

  it('moves with arrows, extends with Shift, opens with Enter and Space', () => {
    expect(actionOf({ key: 'ArrowDown' }, false)).toEqual({ do: 'move', dx: 0, dy: 1, extend: false })
    expect(actionOf({ key: 'ArrowLeft', shiftKey: true }, false)).toEqual({ do: 'move', dx: -1, dy: 0, extend: true })
    expect(actionOf({ key: 'Enter' }, false)).toEqual({ do: 'toggle-preview' })
    expect(actionOf({ key: ' ' }, false)).toEqual({ do: 'toggle-preview' })
  })

  it('leaves keys to text fields, except Escape and Ctrl+F', () => {
    for (const key of ['1', ' ', 'Enter', 'ArrowLeft', 'p']) expect(actionOf({ key }, true)).toBeNull()
    expect(actionOf({ key: 'z', ctrlKey: true }, true)).toBeNull()
    expect(actionOf({ key: 'Escape' }, true)).toEqual({ do: 'back' })
    expect(actionOf({ key: 'f', ctrlKey: true }, true)).toEqual({ do: 'search' })
    expect(actionOf({ key: 'F', ctrlKey: true, shiftKey: true }, false)).toEqual({ do: 'search' })
  })

  it('undoes with Ctrl+Z and redoes with Ctrl+Shift+Z or Ctrl+Y', () => {
    expect(actionOf({ key: 'z', ctrlKey: true }, false)).toEqual({ do: 'undo' })
    expect(actionOf({ key: 'Z', ctrlKey: true, shiftKey: true }, false)).toEqual({ do: 'redo' })
    expect(actionOf({ key: 'y', metaKey: true }, false)).toEqual({ do: 'redo' })
    expect(actionOf({ key: '5', altKey: true }, false)).toBeNull()
  })

  it('has help for every shortcut', () => {
    for (const [, key] of SHORTCUTS) expect(vi).toHaveProperty([key])
  })
})
