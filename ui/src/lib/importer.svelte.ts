// The import job the window runs: started from the folder chooser, a drop or a test hook,
// watched through a channel (progress, then the report), cancellable.
import { Channel } from '@tauri-apps/api/core'
import { open } from '@tauri-apps/plugin-dialog'
import { call, commands, message, type Classification, type ImportEvent, type IngestReport, type Progress } from './api'
import { t } from './locale.svelte'

export const importing = $state({
  open: false,
  running: false,
  job: null as number | null,
  progress: null as Progress | null,
  report: null as IngestReport | null,
  error: '',
})

/** Imports `paths` (folders, cards, files); resolves when the job ends. */
export function importPaths(paths: string[], classification: Classification | null = null): Promise<void> {
  if (importing.running || paths.length === 0) return Promise.resolve()
  Object.assign(importing, { open: true, running: true, job: null, progress: null, report: null, error: '' })
  return new Promise((resolve) => {
    const channel = new Channel<ImportEvent>()
    channel.onmessage = (event) => {
      switch (event.kind) {
        case 'started':
          importing.job = event.job
          break
        case 'progress':
          importing.progress = event.progress as Progress
          break
        case 'finished':
          Object.assign(importing, { running: false, report: event.report })
          resolve()
          break
        case 'failed':
          Object.assign(importing, { running: false, error: t('import.error', { message: event.error.message }) })
          resolve()
          break
      }
    }
    call(commands.startImport(paths, classification, channel)).catch((e) => {
      Object.assign(importing, { running: false, error: t('import.error', { message: message(e) }) })
      resolve()
    })
  })
}

/** Asks the native chooser for folders (a memory card is a folder), then imports them. */
export async function chooseAndImport() {
  const chosen = await open({ directory: true, multiple: true, title: t('import.choose') })
  if (chosen) await importPaths(Array.isArray(chosen) ? chosen : [chosen])
}

export async function cancelImport() {
  if (importing.job != null) await commands.cancelJob(importing.job)
}

export function closeImport() {
  if (!importing.running) importing.open = false
}
