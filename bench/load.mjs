// Load generation with autocannon, one autocannon per service instance with the connections split
// over them and the results summed. What a load run reports is built so that a failure cannot
// pass for speed:
//   - throughput counts 2xx responses only; non-2xx answers, connection errors and timeouts are
//     counted apart, and any of them makes the run invalid (see rows.mjs);
//   - a run ends gracefully: at its deadline every connection finishes the request it has in
//     flight and sends no other, so every request sent has its answer (autocannon's own timer is
//     only a backstop; a run it stopped is `cutOff` and invalid);
//   - with a pool of approve targets, every request takes a fresh target and its answer is
//     recorded on it, for the database checks after the run; a used target is never re-sent, and
//     a run whose pool runs dry drains at once and is `exhausted`.
/* global clearTimeout */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { CONNECTIONS } from './options.mjs';
import { percentile, split } from './numbers.mjs';

export const is2xx = (status) => typeof status === 'number' && status >= 200 && status < 300;

/** A path that names no request: sent only if a connection asks for a target after the last. */
const NO_TARGET_PATH =
  '/api/persons/00000000-0000-4000-8000-000000000000/authentication_method_requests/00000000-0000-4000-8000-000000000000/actions/approve';

/**
 * One load run over every instance: one autocannon per instance with the connections split,
 * results summed. Ends gracefully: at `seconds`, each connection waits for the answer to the
 * request it has in flight and sends no other (autocannon's own timer is only a backstop).
 * With `pool`, every request takes a fresh target and its answer is recorded on it; when the pool
 * runs dry the run drains at once and is `exhausted`.
 */
export async function runLoad({ instances, seconds, path, method = 'GET', headers, body, pool }) {
  const clients = [];
  let draining = false;
  let drainAt = 0;
  const drain = () => {
    if (draining) return;
    draining = true;
    drainAt = performance.now();
    for (const client of clients) client.responseMax = client.reqsMade;
  };
  let exhausted = false;
  const latencies = [];
  let okInWindow = 0;
  const requests = pool
    ? [
        {
          setupRequest: (req, context) => {
            const target = pool.take();
            if (!target) {
              // Only a connection created after the pool ran dry gets here; answered 404.
              exhausted = true;
              drain();
              context.target = null;
              return { ...req, path: NO_TARGET_PATH };
            }
            if (pool.empty && !draining) {
              exhausted = true; // the last target before the deadline: nobody may ask for another
              drain();
            }
            context.target = target;
            target.sent = true;
            return { ...req, path: pool.pathOf(target) };
          },
          onResponse: (status, _body, context) => {
            if (context.target) context.target.status = status;
          },
        },
      ]
    : undefined;
  const connections = split(CONNECTIONS, instances.length);
  const startAt = performance.now();
  const deadline = setTimeout(drain, seconds * 1000);
  const runs = instances.map(
    (instance, i) =>
      new Promise((resolve, reject) => {
        const tracker = autocannon(
          {
            url: pool ? instance.base : `${instance.base}${path}`,
            method,
            headers,
            body,
            connections: connections[i],
            pipelining: 1,
            duration: seconds + 30,
            requests,
            setupClient: (client) => {
              clients.push(client);
              if (draining) client.responseMax = Math.max(1, client.reqsMade);
            },
          },
          (error, result) => (error ? reject(error) : resolve(result)),
        );
        tracker.on('response', (_client, status, _bytes, responseTime) => {
          if (!is2xx(status)) return;
          latencies.push(responseTime);
          if (!draining) okInWindow += 1;
        });
      }),
  );
  let results;
  try {
    results = await Promise.all(runs);
  } finally {
    clearTimeout(deadline);
  }
  const endAt = performance.now();
  if (!draining) drainAt = endAt;
  const sum = (key) => results.reduce((s, r) => s + (r[key] ?? 0), 0);
  latencies.sort((a, b) => a - b);
  const ok = sum('2xx');
  const windowSeconds = (drainAt - startAt) / 1000;
  const out = {
    instances: instances.length,
    ok,
    non2xx: sum('non2xx'),
    errors: sum('errors'), // autocannon counts timeouts among errors too
    timeouts: sum('timeouts'),
    mismatches: sum('mismatches'),
    responses: ok + sum('non2xx'),
    okInWindow,
    windowSeconds,
    rps: okInWindow / Math.max(windowSeconds, 1e-9),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    exhausted,
    // autocannon's backstop stopped it: requests in flight were cut off, answers lost.
    cutOff: (endAt - drainAt) / 1000 > 25,
    perInstance: results.map((r, i) => ({
      base: instances[i].base,
      connections: connections[i],
      ok_requests: r['2xx'],
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
    })),
  };
  if (pool) {
    const taken = pool.taken();
    const answered2xx = taken.filter((t) => is2xx(t.status)).length;
    out.targetsTaken = taken.length;
    out.targetsUnanswered = taken.filter((t) => t.status === undefined).length;
    // Cross-check of the bookkeeping: every 2xx autocannon counted has its target.
    out.bookkeepingMismatch = answered2xx !== ok;
  }
  return out;
}
