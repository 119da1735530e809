// A full garbage collection in another Node process, through its inspector: SIGUSR1 opens the
// inspector (127.0.0.1:9229), and HeapProfiler.collectGarbage runs over its WebSocket. The memory
// run uses it so that RSS is read at the same point of the heap's cycle after every step: V8 lets
// the old generation grow to a few times what is alive before it collects, so RSS read at an
// arbitrary moment says more about when the last collection ran than about what is kept.
// A minimal WebSocket client (one masked text frame out, text frames in), as Node 20 has none.
/* global fetch */
import { Buffer } from 'node:buffer';
import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

const INSPECTOR = 'http://127.0.0.1:9229';

async function debuggerUrl(pid) {
  process.kill(pid, 'SIGUSR1');
  for (let i = 0; i < 100; i++) {
    try {
      const targets = await (await fetch(`${INSPECTOR}/json/list`)).json();
      if (targets[0]?.webSocketDebuggerUrl) return targets[0].webSocketDebuggerUrl;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`the inspector of process ${pid} did not open on ${INSPECTOR}`);
}

function textFrame(text) {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const header =
    payload.length < 126
      ? Buffer.from([0x81, 0x80 | payload.length])
      : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]));
  return Buffer.concat([header, mask, masked]);
}

/** Text of the complete frames in `buffer`, and what is left of it. */
function readFrames(buffer) {
  const texts = [];
  let at = 0;
  for (;;) {
    if (buffer.length - at < 2) break;
    let length = buffer[at + 1] & 0x7f;
    let start = at + 2;
    if (length === 126) {
      if (buffer.length - at < 4) break;
      length = buffer.readUInt16BE(at + 2);
      start = at + 4;
    } else if (length === 127) {
      if (buffer.length - at < 10) break;
      length = Number(buffer.readBigUInt64BE(at + 2));
      start = at + 10;
    }
    if (buffer.length < start + length) break;
    if ((buffer[at] & 0x0f) === 1) texts.push(buffer.subarray(start, start + length).toString());
    at = start + length;
  }
  return { texts, rest: buffer.subarray(at) };
}

/** Runs a full collection in process `pid` and resolves when it is done. */
export async function fullGc(pid) {
  const url = new URL(await debuggerUrl(pid));
  const socket = await new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      },
    });
    req.on('upgrade', (_res, upgraded) => resolve(upgraded));
    req.on('error', reject);
    req.end();
  });
  try {
    await new Promise((resolve, reject) => {
      let pending = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        const { texts, rest } = readFrames(Buffer.concat([pending, chunk]));
        pending = rest;
        for (const text of texts) {
          const message = JSON.parse(text);
          if (message.id === 1) {
            if (message.error) reject(new Error(JSON.stringify(message.error)));
            else resolve();
          }
        }
      });
      socket.on('error', reject);
      socket.write(textFrame(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' })));
    });
  } finally {
    socket.destroy();
  }
}
