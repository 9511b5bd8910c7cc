/** Saves one note; resolves when the background has answered (errors are the callee's job). */
export type SaveNote = (id: string, note: string) => Promise<void>;

/**
 * Debounces note edits per paper: `schedule` on every keystroke, the last text is sent after
 * `delayMs` of quiet; `flush` sends everything pending now (on blur, popup close, export).
 * Saves of one paper are sent in order, each after the previous one has been answered.
 */
export class NoteSaver {
  readonly #save: SaveNote;
  readonly #delayMs: number;
  readonly #pending = new Map<string, { note: string; timer: ReturnType<typeof setTimeout> }>();
  /** The last save sent for each paper, until it settles. */
  readonly #inFlight = new Map<string, Promise<void>>();

  constructor(save: SaveNote, delayMs = 400) {
    this.#save = save;
    this.#delayMs = delayMs;
  }

  /** Records the latest text of a note; it is sent after `delayMs` without further edits. */
  schedule(id: string, note: string): void {
    this.cancel(id);
    const timer = setTimeout(() => void this.#send(id), this.#delayMs);
    this.#pending.set(id, { note, timer });
  }

  /** Drops an unsent edit (e.g. the paper is being deleted). */
  cancel(id: string): void {
    const pending = this.#pending.get(id);
    if (pending) clearTimeout(pending.timer);
    this.#pending.delete(id);
  }

  /** True while an edit of this note is waiting or being saved. */
  isBusy(id: string): boolean {
    return this.#pending.has(id) || this.#inFlight.has(id);
  }

  /** Sends pending edits now (of one paper, or all) and resolves once every save has settled. */
  async flush(id?: string): Promise<void> {
    const ids = id === undefined ? [...this.#pending.keys()] : [id];
    for (const each of ids) void this.#send(each);
    const waiting = id === undefined ? [...this.#inFlight.values()] : [this.#inFlight.get(id)];
    await Promise.all(waiting);
  }

  #send(id: string): Promise<void> {
    const pending = this.#pending.get(id);
    if (!pending) return this.#inFlight.get(id) ?? Promise.resolve();
    this.cancel(id);
    const previous = this.#inFlight.get(id) ?? Promise.resolve();
    const current = previous
      .then(() => this.#save(id, pending.note))
      .catch((error: unknown) => console.error('[BiasLens] saving a note failed', error))
      .finally(() => {
        if (this.#inFlight.get(id) === current) this.#inFlight.delete(id);
      });
    this.#inFlight.set(id, current);
    return current;
  }
}
