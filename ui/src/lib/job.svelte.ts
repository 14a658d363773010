// A long job the window started (a tour's check-out or merge): its number for Cancel, its
// progress, and how it ended, from the events the app's `with_events` sends.
import { Channel } from '@tauri-apps/api/core'
import { call, commands, message, type Progress, type UiError } from './api'

type Result<T> = { status: 'ok'; data: T } | { status: 'error'; error: UiError }

/** The events of a job whose outcome is `T` (CheckoutEvent, MergeEvent, … in the bindings). */
export type JobEvent<T> =
  | { kind: 'started'; job: number }
  | { kind: 'progress'; progress: Progress }
  | { kind: 'finished'; outcome: T }
  | { kind: 'failed'; error: UiError }

export class Job<T> {
  running = $state(false)
  id = $state<number | null>(null)
  progress = $state<Progress | null>(null)
  outcome = $state<T | null>(null)
  error = $state('')
  cancelled = $state(false)

  /** Starts the job; resolves with its outcome, or null when it failed or was cancelled. */
  run(start: (events: Channel<JobEvent<T>>) => Promise<Result<number>>): Promise<T | null> {
    this.running = true
    this.id = null
    this.progress = null
    this.outcome = null
    this.error = ''
    this.cancelled = false
    return new Promise((resolve) => {
      const events = new Channel<JobEvent<T>>()
      events.onmessage = (event) => {
        switch (event.kind) {
          case 'started':
            this.id = event.job
            break
          case 'progress':
            this.progress = event.progress
            break
          case 'finished':
            this.running = false
            this.outcome = event.outcome as T
            resolve(this.outcome)
            break
          case 'failed':
            this.running = false
            if (event.error.code === 'cancelled') this.cancelled = true
            else this.error = event.error.message
            resolve(null)
            break
        }
      }
      call(start(events)).catch((e) => {
        this.running = false
        this.error = message(e)
        resolve(null)
      })
    })
  }

  cancel() {
    if (this.id != null) commands.cancelJob(this.id)
  }

  get percent() {
    const p = this.progress
    return p && p.total ? Math.round((100 * p.done) / p.total) : 0
  }
}
