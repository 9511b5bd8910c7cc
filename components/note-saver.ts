/**
 * Saves one note edit made at `editedAt`; resolves to the stored note when the background kept a
 * later edit instead (from another window or a card's editor), else to undefined. Errors are the
 * callee's job.
 */
export type SaveNote = (id: string, note: string, editedAt: number) => Promise<string | undefined>;

/**
 * Debounces note edits per paper: `schedule` on every keystroke, the last text is sent after
 * `delayMs` of quiet; `flush` sends everything pending now (on blur, popup close, export, delete).
 * Each edit carries the time it was typed, and the background keeps the later edit whatever order
 * messages arrive in, so a flush never waits for an earlier save (the popup may be closing).
 */
export class NoteSaver {
  readonly #save: SaveNote;
  readonly #delayMs: number;
  readonly #now: () => number;
  readonly #pending = new Map<
    string,
    { note: string; editedAt: number; timer: ReturnType<typeof setTimeout> }
  >();
  /** Saves sent and not yet answered, per paper. */
  readonly #inFlight = new Map<string, Set<Promise<void>>>();
  readonly #staleListeners = new Map<string, Set<(stored: string) => void>>();

  constructor(save: SaveNote, delayMs = 400, now: () => number = Date.now) {
    this.#save = save;
    this.#delayMs = delayMs;
    this.#now = now;
  }

  /** Records the latest text of a note, typed now; it is sent after `delayMs` without edits. */
  schedule(id: string, note: string): void {
    this.cancel(id);
    const timer = setTimeout(() => void this.#send(id), this.#delayMs);
    this.#pending.set(id, { note, editedAt: this.#now(), timer });
  }

  /** Drops an unsent edit. */
  cancel(id: string): void {
    const pending = this.#pending.get(id);
    if (pending) clearTimeout(pending.timer);
    this.#pending.delete(id);
  }

  /** True while an edit of this note is waiting or being saved. */
  isBusy(id: string): boolean {
    return this.#pending.has(id) || (this.#inFlight.get(id)?.size ?? 0) > 0;
  }

  /**
   * Calls `listener` with the stored note when an edit of `id` lost to a later one (and no newer
   * edit of ours is pending), so an editor can show what is stored. Returns the unsubscribe.
   */
  onStale(id: string, listener: (stored: string) => void): () => void {
    let listeners = this.#staleListeners.get(id);
    if (!listeners) {
      listeners = new Set();
      this.#staleListeners.set(id, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.#staleListeners.delete(id);
    };
  }

  /** Sends pending edits now (of one paper, or all) and resolves once every save has settled. */
  async flush(id?: string): Promise<void> {
    const ids = id === undefined ? [...this.#pending.keys()] : [id];
    for (const each of ids) this.#send(each);
    const waiting =
      id === undefined
        ? [...this.#inFlight.values()].flatMap((saves) => [...saves])
        : [...(this.#inFlight.get(id) ?? [])];
    await Promise.all(waiting);
  }

  #send(id: string): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.cancel(id);
    let saves = this.#inFlight.get(id);
    if (!saves) {
      saves = new Set();
      this.#inFlight.set(id, saves);
    }
    const current: Promise<void> = this.#save(id, pending.note, pending.editedAt)
      .catch((error: unknown) => {
        console.error('[BiasLens] saving a note failed', error);
        return undefined;
      })
      .then((stored) => {
        saves.delete(current);
        if (saves.size === 0) this.#inFlight.delete(id);
        // Only once idle: a newer edit of ours still on its way will be the one that counts.
        if (stored === undefined || this.isBusy(id)) return;
        for (const listener of this.#staleListeners.get(id) ?? []) listener(stored);
      });
    saves.add(current);
  }
}
