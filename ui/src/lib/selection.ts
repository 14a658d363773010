// Selection in a list of ids, as file browsers do it: click selects one, Ctrl+click toggles,
// Shift+click and Shift+arrows extend from the anchor.

export interface Selection {
  /** Selected ids. */
  ids: Set<number>
  /** Where Shift extends from. */
  anchor: number | null
  /** The item the keyboard is on (opened by Enter). */
  focus: number | null
}

export const empty = (): Selection => ({ ids: new Set(), anchor: null, focus: null })

function range(order: number[], from: number, to: number): Set<number> {
  const a = order.indexOf(from)
  const b = order.indexOf(to)
  if (a < 0 || b < 0) return new Set([to])
  const [lo, hi] = a <= b ? [a, b] : [b, a]
  return new Set(order.slice(lo, hi + 1))
}

/** A click on `id`, with the modifier keys held. */
export function click(s: Selection, order: number[], id: number, mods: { shift?: boolean; ctrl?: boolean }): Selection {
  if (mods.shift && s.anchor != null) {
    const extended = range(order, s.anchor, id)
    if (mods.ctrl) for (const x of s.ids) extended.add(x)
    return { ids: extended, anchor: s.anchor, focus: id }
  }
  if (mods.ctrl) {
    const ids = new Set(s.ids)
    if (ids.has(id)) ids.delete(id)
    else ids.add(id)
    return { ids, anchor: id, focus: id }
  }
  return { ids: new Set([id]), anchor: id, focus: id }
}

/** Moves the focus `by` places (clamped to the list); with `extend`, the selection follows from the anchor. */
export function move(s: Selection, order: number[], by: number, extend: boolean): Selection {
  if (order.length === 0) return empty()
  const at = s.focus == null ? -1 : order.indexOf(s.focus)
  const next = at < 0 ? (by < 0 ? order.length - 1 : 0) : Math.min(order.length - 1, Math.max(0, at + by))
  const id = order[next]
  if (extend && s.anchor != null) return { ids: range(order, s.anchor, id), anchor: s.anchor, focus: id }
  return { ids: new Set([id]), anchor: id, focus: id }
}

export function all(order: number[], s: Selection): Selection {
  return { ids: new Set(order), anchor: s.anchor ?? order[0] ?? null, focus: s.focus ?? order[0] ?? null }
}

/** The selection kept to the ids still listed (after a new search). */
export function keep(s: Selection, order: number[]): Selection {
  if (s.ids.size === 0 && s.focus == null) return s
  const listed = new Set(order)
  const ids = new Set([...s.ids].filter((id) => listed.has(id)))
  const focus = s.focus != null && listed.has(s.focus) ? s.focus : null
  const anchor = s.anchor != null && listed.has(s.anchor) ? s.anchor : focus
  return { ids, anchor, focus }
}

/** What an action applies to: the selection, else the focused item. */
export function targets(s: Selection): number[] {
  if (s.ids.size > 0) return [...s.ids]
  return s.focus != null ? [s.focus] : []
}
