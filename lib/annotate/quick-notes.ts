/** What the quick note editor needs: send a note, and save its paper first when it is not. */
export interface QuickNoteDeps {
  /** Saves the paper when it is not saved yet (a note needs a saved paper). */
  ensureSaved(id: string): Promise<void>;
  /** Stores the note of a saved paper ('update-note'). */
  sendNote(id: string, note: string): Promise<void>;
  /** Tells the editor how its note is doing. */
  onStatus(id: string, status: 'pending' | 'saved' | 'error', message?: string): void;
  delayMs?: number;
}

/**
 * Debounces quick-note edits per paper: the last text is sent after `delayMs` without typing, or
 * at once on `flush` (blur, closing the editor, leaving the page). Sends of one paper run in
 * order, each after the previous one settled.
 */
export class QuickNotes {
  private readonly pending = new Map<
    string,
    { note: string; timer: ReturnType<typeof setTimeout> }
  >();
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly deps: QuickNoteDeps) {}

  /** Records the latest text of a note; it is sent after the delay unless edited again. */
  edit(id: string, note: string): void {
    const previous = this.pending.get(id);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => void this.flush(id), this.deps.delayMs ?? 500);
    this.pending.set(id, { note, timer });
    this.deps.onStatus(id, 'pending');
  }

  /** The unsent text of a note, if any (shown instead of the stored note). */
  unsent(id: string): string | undefined {
    return this.pending.get(id)?.note;
  }

  /** Sends the pending edit of one paper (or of all) now; resolves when sent. */
  flush(id?: string): Promise<void> {
    const ids = id === undefined ? [...this.pending.keys()] : [id];
    return Promise.all(ids.map((each) => this.send(each))).then(() => undefined);
  }

  /** Drops every unsent edit (the content script is stopping). */
  cancelAll(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private send(id: string): Promise<void> {
    const pending = this.pending.get(id);
    if (!pending) return this.chains.get(id) ?? Promise.resolve();
    clearTimeout(pending.timer);
    this.pending.delete(id);
    const run = async () => {
      await this.deps.ensureSaved(id);
      await this.deps.sendNote(id, pending.note);
      if (!this.pending.has(id)) this.deps.onStatus(id, 'saved');
    };
    const chain = (this.chains.get(id) ?? Promise.resolve())
      .then(run)
      .catch((error: unknown) =>
        this.deps.onStatus(id, 'error', error instanceof Error ? error.message : String(error)),
      )
      .finally(() => {
        if (this.chains.get(id) === chain) this.chains.delete(id);
      });
    this.chains.set(id, chain);
    return chain;
  }
}
