// The app's screens, in the sidebar's order (Alt+1 … Alt+7 reach them).
export type Screen = 'library' | 'reportages' | 'kits' | 'translations' | 'audit' | 'templates' | 'tours'
export const SCREENS: Screen[] = ['library', 'reportages', 'kits', 'translations', 'audit', 'templates', 'tours']

/** The screen Alt+digit asks for, if any. */
export function screenOfKey(e: KeyboardEvent): Screen | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null
  const n = Number(e.key)
  return Number.isInteger(n) && n >= 1 && n <= SCREENS.length ? SCREENS[n - 1] : null
}
