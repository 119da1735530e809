// Memory and CPU of the processes a run involves, read from /proc (Linux). On a shared machine
// requests per second move with whatever else runs, so each run also says what a request cost
// the services, PostgreSQL and the load generator in CPU time, and how busy the machine was
// with other processes meanwhile. PostgreSQL runs one backend process per connection: its CPU is
// the postmaster's own, that of its live children, and that of the children it has reaped.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** Current and peak resident memory of a process, in MB (NaN once it has exited). */
export function procStatus(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: NaN, hwmMb: NaN };
  }
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0, own process), so each run gets its own peak. */
export function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

function statTicks(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3 (state): ppid = field 4, utime/stime = 14/15, cutime/cstime = 16/17.
    return {
      ppid: Number(f[1]),
      own: Number(f[11]) + Number(f[12]),
      children: Number(f[13]) + Number(f[14]),
    };
  } catch {
    return null; // exited meanwhile
  }
}

function machineTicks() {
  const [, ...v] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .map(Number);
  const idle = v[3] + v[4];
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** CPU time (ms) so far of the services, of PostgreSQL (postmaster, its children, and reaped ones), of this process, and of the machine. */
function cpuSnapshot(servicePids, postmasterPid) {
  let postgres = 0;
  const master = statTicks(postmasterPid);
  if (master) postgres += master.own + master.children;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const t = statTicks(Number(entry));
    if (t && t.ppid === postmasterPid) postgres += t.own;
  }
  const bench = process.cpuUsage();
  const machine = machineTicks();
  return {
    service: servicePids.reduce((sum, pid) => sum + (statTicks(pid)?.own ?? 0), 0) * TICK_MS,
    postgres: postgres * TICK_MS,
    bench: (bench.user + bench.system) / 1000,
    machineBusy: machine.busy * TICK_MS,
    machineTotal: machine.total * TICK_MS,
  };
}

/** Per request: CPU ms of each party; and how busy the whole machine was, others included. */
function cpuUsed(before, after, requests) {
  const d = (k) => after[k] - before[k];
  const per = (k) => Math.round((d(k) / Math.max(1, requests)) * 100) / 100;
  const others = d('machineBusy') - d('service') - d('postgres') - d('bench');
  return {
    serviceMs: per('service'),
    // The same in µs: the CPU ratios to the no-op route (verdicts.mjs) need the precision.
    serviceUs: Math.round((d('service') / Math.max(1, requests)) * 1000),
    postgresMs: per('postgres'),
    benchMs: per('bench'),
    machineBusyPct: Math.round((d('machineBusy') / Math.max(1, d('machineTotal'))) * 100),
    otherProcessesPct: Math.max(0, Math.round((others / Math.max(1, d('machineTotal'))) * 100)),
  };
}

/**
 * Starts the accounting of one measured run of `system` (its service instances and the
 * postmaster they share): resets each instance's peak RSS and reads the CPU counters.
 * `used(requests)` then gives the run's CPU per request.
 */
export function startMeter({ instances, postmasterPid }) {
  for (const s of instances) resetPeak(s.pid);
  const pids = instances.map((s) => s.pid);
  const before = cpuSnapshot(pids, postmasterPid);
  return { used: (requests) => cpuUsed(before, cpuSnapshot(pids, postmasterPid), requests) };
}
