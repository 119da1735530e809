/** Where a PeriodicTask's next round is scheduled; returns the function that cancels it. */
export interface TaskTimers {
  schedule(callback: () => void, delayMs: number): () => void;
}

/** Node's timers, unref'ed: a pending round never keeps a stopping process alive. */
export const unrefTimers: TaskTimers = {
  schedule(callback, delayMs) {
    const timer = setTimeout(callback, delayMs);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
