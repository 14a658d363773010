import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { en } from './en'
import { formatBytes, formatDateTime, translate } from './index'
import { vi } from './vi'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name: string) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : []
  })
}

describe('UI languages', () => {
  it('has every message in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort())
    for (const [key, text] of [...Object.entries(vi), ...Object.entries(en)]) expect(text, key).not.toBe('')
  })

  it('knows every message key the components ask for', () => {
    const used = new Set<string>()
    for (const file of sources(join(import.meta.dirname, '..', '..'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(m[1])
    }
    expect(used.size).toBeGreaterThan(20)
    for (const key of used) expect(vi, key).toHaveProperty([key])
  })

  it('fills placeholders with numbers in the locale format', () => {
    expect(translate('vi', 'count.items', { shown: 1200, total: 100000 })).toBe('1.200 / 100.000 mục')
    expect(translate('en', 'count.items', { shown: 1200, total: 100000 })).toBe('1,200 of 100,000 items')
    expect(formatBytes('vi', 2_400_000)).toBe('2,4 MB')
    expect(formatBytes('en', 2_400_000)).toBe('2.4 MB')
  })

  it('shows recorded times as they were recorded, in the locale format', () => {
    expect(formatDateTime('vi', '2025-03-14T09:30:00+07:00')).toMatch(/09:30:00.*14.*2025/)
    expect(formatDateTime('en', '2025-03-14T09:30:00')).toBe('14 Mar 2025, 09:30:00')
    expect(formatDateTime('en', '2025-03-14')).toBe('14 Mar 2025')
    expect(formatDateTime('en', 'yesterday')).toBe('yesterday')
    expect(formatDateTime('en', null)).toBe('')
  })
})
