/** How the annotator spreads work over time; swappable so tests can run it synchronously. */
export interface Scheduler {
  /** Runs `task` soon, after the current task, coalescing nothing (callers coalesce). */
  soon(task: () => void): void;
  /** Resolves in a new task, letting the page handle input and paint in between. */
  yield(): Promise<void>;
  now(): number;
  /** Resolves after `ms` milliseconds (never, once cancelled). */
  sleep(ms: number): Promise<void>;
  /** Drops every pending task (the content script is stopping). */
  cancel(): void;
}

interface YieldingScheduler {
  yield?: () => Promise<void>;
}

/** A scheduler on the page's event loop: `scheduler.yield()` where the browser has it, else a macrotask. */
export function createScheduler(view: (Window & typeof globalThis) | undefined): Scheduler {
  const host = view ?? globalThis;
  let cancelled = false;
  const native = (host as unknown as { scheduler?: YieldingScheduler }).scheduler;
  const macrotask = () => new Promise<void>((resolve) => host.setTimeout(resolve, 0));
  return {
    soon(task) {
      host.setTimeout(() => {
        if (!cancelled) task();
      }, 0);
    },
    yield() {
      return typeof native?.yield === 'function' ? native.yield.call(native) : macrotask();
    },
    now: () => host.performance.now(),
    sleep: (ms) =>
      new Promise<void>((resolve) =>
        host.setTimeout(() => {
          if (!cancelled) resolve();
        }, ms),
      ),
    cancel() {
      cancelled = true;
    },
  };
}
