// The keyboard, as Photo Mechanic users expect it: one place that turns a key press into
// an action, so the help panel and the handler cannot disagree.
import type { Label } from './bindings'

export type Action =
  | { do: 'move'; dx: number; dy: number; extend: boolean }
  | { do: 'page'; dir: 1 | -1; extend: boolean }
  | { do: 'edge'; last: boolean; extend: boolean }
  | { do: 'toggle-preview' }
  | { do: 'back' }
  | { do: 'rate'; stars: number }
  | { do: 'label'; label: Label }
  | { do: 'search' }
  | { do: 'select-all' }
  | { do: 'undo' }
  | { do: 'redo' }
  | { do: 'import' }
  | { do: 'zoom' }
  | { do: 'help' }

export interface KeyPress {
  key: string
  ctrlKey?: boolean
  metaKey?: boolean
  shiftKey?: boolean
  altKey?: boolean
}

/** Number keys beyond the stars give colour labels, as in Lightroom; P is purple. */
export const LABEL_KEYS: Record<string, Label> = { '6': 'red', '7': 'yellow', '8': 'green', '9': 'blue', p: 'purple' }

/**
 * The action of a key press. `typing` is true while a text field has the focus: then only
 * the keys that leave it (Escape) or that no text field uses (Ctrl+F) act.
 */
export function actionOf(e: KeyPress, typing: boolean): Action | null {
  const ctrl = !!(e.ctrlKey || e.metaKey)
  const shift = !!e.shiftKey
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key
  if (key === 'Escape') return { do: 'back' }
  if (ctrl && key === 'f') return { do: 'search' }
  if (typing || e.altKey) return null
  if (ctrl) {
    if (key === 'z') return shift ? { do: 'redo' } : { do: 'undo' }
    if (key === 'y') return { do: 'redo' }
    if (key === 'a') return { do: 'select-all' }
    if (key === 'i') return { do: 'import' }
    return null
  }
  switch (key) {
    case 'ArrowLeft':
      return { do: 'move', dx: -1, dy: 0, extend: shift }
    case 'ArrowRight':
      return { do: 'move', dx: 1, dy: 0, extend: shift }
    case 'ArrowUp':
      return { do: 'move', dx: 0, dy: -1, extend: shift }
    case 'ArrowDown':
      return { do: 'move', dx: 0, dy: 1, extend: shift }
    case 'PageUp':
      return { do: 'page', dir: -1, extend: shift }
    case 'PageDown':
      return { do: 'page', dir: 1, extend: shift }
    case 'Home':
      return { do: 'edge', last: false, extend: shift }
    case 'End':
      return { do: 'edge', last: true, extend: shift }
    case 'Enter':
    case ' ':
      return { do: 'toggle-preview' }
    case 'z':
      return { do: 'zoom' }
    case '?':
    case 'F1':
      return { do: 'help' }
  }
  if (/^[0-5]$/.test(key)) return { do: 'rate', stars: Number(key) }
  if (key in LABEL_KEYS) return { do: 'label', label: LABEL_KEYS[key] }
  return null
}

/** What the help panel lists: keys, and the message key of what they do. */
export const SHORTCUTS: [string, string][] = [
  ['← → ↑ ↓', 'help.move'],
  ['Shift + ← → ↑ ↓', 'help.extend'],
  ['Ctrl + click, Shift + click', 'help.click'],
  ['Enter, Space', 'help.preview'],
  ['Z', 'help.zoom'],
  ['Escape', 'help.back'],
  ['0 – 5', 'help.rate'],
  ['6 7 8 9 P', 'help.label'],
  ['Ctrl + F', 'help.search'],
  ['Ctrl + A', 'help.selectAll'],
  ['Ctrl + Z', 'help.undo'],
  ['Ctrl + Shift + Z, Ctrl + Y', 'help.redo'],
  ['Ctrl + I', 'help.import'],
  ['?, F1', 'help.help'],
]
