import {
  PeriodicTask,
  type PeriodicTaskOptions,
  type RoundReport,
} from '../../../../src/platform/scheduling/periodic-task.js';
import { ManualTimers } from '../../../support/fakes/manual-timers.js';
import { RecordingLogger } from '../../../support/fakes/recording-logger.js';

/** A promise the test settles: holds a round open until the test lets it finish. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('PeriodicTask', () => {
  let timers: ManualTimers;
  let logger: RecordingLogger;
  let tasks: PeriodicTask[];

  beforeEach(() => {
    timers = new ManualTimers();
    logger = new RecordingLogger();
    tasks = [];
  });
  afterEach(async () => {
    for (const task of tasks) await task.stop();
  });

  function task(
    run: () => Promise<void | RoundReport>,
    options: Partial<PeriodicTaskOptions> = {},
  ): PeriodicTask {
    const created = new PeriodicTask({
      name: 'test-task',
      intervalMs: 1_000,
      run,
      retryDelayMs: (failures) => 100 * 2 ** (failures - 1),
      logger,
      timers,
      ...options,
    });
    tasks.push(created);
    return created;
  }

  it('waits the interval before the first round unless told otherwise', () => {
    task(() => Promise.resolve()).start();
    task(() => Promise.resolve(), { initialDelayMs: 0 }).start();

    expect(timers.delays).toEqual([1_000, 0]);
  });

  it('runs a round each interval while rounds succeed', async () => {
    let rounds = 0;
    task(() => Promise.resolve(void (rounds += 1))).start();

    await expect(timers.fire()).resolves.toBe(1_000);
    await expect(timers.fire()).resolves.toBe(1_000);

    expect(rounds).toBe(2);
  });

  it('logs a thrown round as { task, err }, backs off, and returns to the interval after a success', async () => {
    const outcomes = [new Error('database down'), new Error('still down'), undefined];
    task(() => {
      const outcome = outcomes.shift();
      return outcome ? Promise.reject(outcome) : Promise.resolve();
    }).start();

    await expect(timers.fire()).resolves.toBe(100);
    await expect(timers.fire()).resolves.toBe(200);
    await expect(timers.fire()).resolves.toBe(1_000);

    expect(logger.entries).toEqual([
      {
        level: 'error',
        fields: {
          task: 'test-task',
          err: { type: 'Error', message: 'database down', stack: expect.any(String) },
        },
        message: 'Task round failed',
      },
      {
        level: 'error',
        fields: {
          task: 'test-task',
          err: { type: 'Error', message: 'still down', stack: expect.any(String) },
        },
        message: 'Task round failed',
      },
    ]);
  });

  it('logs a failed query by its SQLSTATE, never by the driver message quoting values', async () => {
    const driverError = Object.assign(
      new Error('duplicate key value violates unique constraint "phones_uq"'),
      {
        severity: 'ERROR',
        code: '23505',
        constraint: 'phones_uq',
        detail: 'Key (phone_number)=(+380971234567) already exists.',
      },
    );
    task(() => Promise.reject(driverError)).start();

    await timers.fire();

    expect(logger.entries).toHaveLength(1);
    expect(logger.entries[0].fields).toMatchObject({
      task: 'test-task',
      err: { code: '23505', constraint: 'phones_uq' },
    });
    const line = JSON.stringify(logger.entries[0]);
    expect(line).not.toContain('380971234567');
    expect(line).not.toContain('duplicate key');
  });

  it('backs off after a round that reports a failure, without logging it again', async () => {
    const failedTask = task(() => Promise.resolve({ failed: true }));
    failedTask.start();

    await expect(timers.fire()).resolves.toBe(100);
    await expect(timers.fire()).resolves.toBe(200);

    expect(failedTask.consecutiveFailures).toBe(2);
    expect(logger.entries).toEqual([]);
  });

  it('uses the interval after a failure when no backoff is given', async () => {
    task(() => Promise.reject(new Error('boom')), { retryDelayMs: undefined }).start();

    await expect(timers.fire()).resolves.toBe(1_000);
  });

  it('runs at once when woken while idle', () => {
    const woken = task(() => Promise.resolve());
    woken.start();

    woken.wake();

    expect(timers.pendingDelays).toEqual([0]);
  });

  it('runs again right after the round in flight when woken during it', async () => {
    const held = gate();
    const woken = task(() => held.promise);
    woken.start();

    const next = timers.fire();
    woken.wake();
    held.open();

    await expect(next).resolves.toBe(0);
  });

  it('ignores a wake-up while backing off, and retries at once on retryNow', async () => {
    let available = false;
    const retried = task(() => Promise.resolve({ failed: !available }));
    retried.start();
    await timers.fire();

    retried.wake();
    expect(timers.pendingDelays).toEqual([100]);

    available = true;
    retried.retryNow();
    expect(timers.pendingDelays).toEqual([0]);
    await expect(timers.fire()).resolves.toBe(1_000);
    expect(retried.consecutiveFailures).toBe(0);
  });

  it('stop waits for the round in flight and schedules nothing after it', async () => {
    const started = gate();
    const held = gate();
    const steps: string[] = [];
    const stopped = task(async () => {
      started.open();
      await held.promise;
      steps.push('round finished');
    });
    stopped.start();
    timers.fireOnly();
    await started.promise;

    const stopping = stopped.stop().then(() => steps.push('stopped'));
    held.open();
    await stopping;

    expect(steps).toEqual(['round finished', 'stopped']);
    expect(timers.pendingDelays).toEqual([]);
    expect(stopped.isRunning).toBe(false);
  });

  it('cancels the pending round on stop', async () => {
    let rounds = 0;
    const stopped = task(() => Promise.resolve(void (rounds += 1)));
    stopped.start();

    await stopped.stop();

    expect(timers.pendingDelays).toEqual([]);
    expect(rounds).toBe(0);
  });

  it('runOnce waits for the round in flight, so rounds never overlap', async () => {
    const held = gate();
    let concurrent = 0;
    let maxConcurrent = 0;
    const serial = task(async () => {
      concurrent += 1;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await held.promise;
      concurrent -= 1;
    });
    serial.start();
    timers.fireOnly();

    const once = serial.runOnce();
    held.open();
    await once;

    expect(maxConcurrent).toBe(1);
  });

  it('runOnce hands the round error to its caller instead of the log', async () => {
    const failing = task(() => Promise.reject(new Error('boom')));

    await expect(failing.runOnce()).rejects.toThrow('boom');
    expect(logger.entries).toEqual([]);
    expect(timers.delays).toEqual([]);
  });

  it('keeps running rounds after runOnce failed', async () => {
    const outcomes = [new Error('boom'), undefined];
    const recovering = task(() => {
      const outcome = outcomes.shift();
      return outcome ? Promise.reject(outcome) : Promise.resolve();
    });
    recovering.start();

    await expect(recovering.runOnce()).rejects.toThrow('boom');
    await expect(timers.fire()).resolves.toBe(1_000);
  });
});
