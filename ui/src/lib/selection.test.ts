import { describe, expect, it } from 'vitest'
import { all, click, empty, keep, move, targets } from './selection'

const order = [10, 11, 12, 13, 14]
const ids = (s: { ids: Set<number> }) => [...s.ids].sort((a, b) => a - b)

describe('selection', () => {
  it('selects one on click, toggles with Ctrl, extends with Shift', () => {
    let s = click(empty(), order, 11, {})
    expect(ids(s)).toEqual([11])
    s = click(s, order, 13, { ctrl: true })
    expect(ids(s)).toEqual([11, 13])
    s = click(s, order, 11, { ctrl: true })
    expect(ids(s)).toEqual([13])
    // Ctrl+click moves the anchor, as in file managers, even when it deselects.
    s = click(s, order, 14, { shift: true })
    expect(ids(s)).toEqual([11, 12, 13, 14])
    expect(s.anchor).toBe(11)
    s = click(s, order, 10, { shift: true, ctrl: true })
    expect(ids(s)).toEqual([10, 11, 12, 13, 14])
  })

  it('moves and extends with the keyboard, clamped to the list', () => {
    let s = move(empty(), order, 1, false)
    expect(s.focus).toBe(10)
    s = move(s, order, 2, true)
    expect(ids(s)).toEqual([10, 11, 12])
    s = move(s, order, 99, false)
    expect(ids(s)).toEqual([14])
    expect(move(empty(), order, -1, false).focus).toBe(14)
    expect(move(s, [], 1, false)).toEqual(empty())
  })

  it('keeps only what a new search still lists', () => {
    const s = keep(all(order, empty()), [12, 99])
    expect(ids(s)).toEqual([12])
    expect(targets(s)).toEqual([12])
    expect(targets({ ids: new Set(), anchor: null, focus: 14 })).toEqual([14])
  })
})
