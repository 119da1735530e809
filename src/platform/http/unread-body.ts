import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** Most bytes of a body the service will not use that it reads and throws away before answering. */
export const DISCARD_LIMIT = 10 * 1024 * 1024;
/** A body that stops arriving for this long is not waited for. */
export const DISCARD_IDLE_MS = 1000;
/** Longest a connection closed after an answer goes on reading what the client still sends. */
export const LINGER_MAX_MS = 5000;
const LINGER_CHECK_MS = 250;

/**
 * Reads and throws away the rest of a request body the service answers without reading (a
 * refused token, an unknown route, a refused upload URL, a JSON body over its limit), so that
 * the answer reaches a client that is still sending: a client writing its body does not read
 * the answer until it is done, and a connection closed under its feet resets. Resolves once
 * the body has ended (true: the connection can be reused), `limit` bytes were thrown away, the
 * body stopped arriving for `idleMs`, or the client went away (false: close the connection).
 * Nothing is kept; the stream goes on flowing (discarding) after this resolves.
 */
export function discardBody(
  raw: IncomingMessage,
  limit = DISCARD_LIMIT,
  idleMs = DISCARD_IDLE_MS,
): Promise<boolean> {
  if (raw.complete) return Promise.resolve(true);
  if (raw.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    let discarded = 0;
    // Unref'ed: a body still being thrown away keeps no stopping process alive.
    let idle = setTimeout(() => settle(false), idleMs).unref();
    const onData = (chunk: Buffer): void => {
      discarded += chunk.length;
      if (discarded > limit) {
        settle(false);
        return;
      }
      clearTimeout(idle);
      idle = setTimeout(() => settle(false), idleMs).unref();
    };
    const onEnd = (): void => settle(true);
    const onGone = (): void => settle(raw.complete);
    function settle(ended: boolean): void {
      clearTimeout(idle);
      raw.off('data', onData);
      raw.off('end', onEnd);
      raw.off('error', onGone);
      raw.off('close', onGone);
      resolve(ended);
    }
    raw.on('data', onData);
    raw.on('end', onEnd);
    raw.on('error', onGone);
    raw.on('close', onGone);
    raw.resume();
  });
}

/**
 * Makes the server's close of `socket` after a `Connection: close` answer a lingering one. Node
 * ends the socket and destroys it at once, and a socket closed while bytes of the client are
 * still unread or arriving makes the kernel reset the connection, which can take the answer with
 * it before the client read it. Instead the socket half-closes (the answer and a FIN go out) and
 * goes on reading and throwing away what the client sends; it is closed once the client closes
 * its side or sends nothing for `idleMs` (nothing left to reset), or, past the bounds, once
 * `limit` more bytes came or `maxMs` passed.
 */
export function lingerOnClose(
  socket: Socket,
  idleMs = DISCARD_IDLE_MS,
  limit = DISCARD_LIMIT,
  maxMs = LINGER_MAX_MS,
): void {
  socket.destroySoon = function lingeringClose(this: Socket): void {
    this.end();
    if (this.readableEnded) {
      this.destroy();
      return;
    }
    const began = Date.now();
    const first = this.bytesRead;
    let last = first;
    let quietSince = began;
    const check = setInterval(() => {
      const now = Date.now();
      if (this.bytesRead !== last) {
        last = this.bytesRead;
        quietSince = now;
      }
      if (now - quietSince >= idleMs || last - first > limit || now - began >= maxMs) {
        this.destroy();
      }
    }, LINGER_CHECK_MS);
    check.unref();
    this.once('close', () => clearInterval(check));
    this.once('end', () => this.destroy());
  };
}
