/**
 * Polls `probe` until it answers true, for at most `timeoutMs` (kept under Jest's 5 s so that a
 * condition never met fails with its own message); fails naming `what`.
 */
export async function until(
  what: string,
  probe: () => boolean | Promise<boolean>,
  timeoutMs = 4_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}
