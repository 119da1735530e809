/** Resolves once `done` holds, looking again every few milliseconds (a condition, not a sleep). */
export async function waitFor(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
}
