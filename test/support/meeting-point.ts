/**
 * Holds every caller of `pass` until `size` callers have arrived (or `ms` passed), so that racers
 * meet at one step and leave it together; `arrived` tells how many got there. The wait is unref'ed:
 * racers that never all arrive (a test that failed first) leave no timer keeping Jest's worker up.
 */
export function meetingPoint(size: number, ms = 10_000) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const timer = setTimeout(() => open(), ms);
  timer.unref();
  return {
    get arrived(): number {
      return arrived;
    },
    async pass(): Promise<void> {
      arrived += 1;
      if (arrived === size) {
        clearTimeout(timer);
        open();
      }
      await opened;
    },
  };
}
