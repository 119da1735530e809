import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Sweep, type SweepOptions } from '../../../../src/platform/scheduling/sweep.js';
import { ManualTimers } from '../../../support/fakes/manual-timers.js';

class CountingSweep extends Sweep {
  counts: number[] = [];

  constructor(options: SweepOptions) {
    super('TestSweep', 1_000, options);
  }

  protected work(): Promise<number> {
    const next = this.counts.shift();
    return next === undefined ? Promise.reject(new Error('store down')) : Promise.resolve(next);
  }
}

class ReportingSweep extends CountingSweep {
  protected override reportSwept(count: number): void {
    this.logger.log({ removed: count }, 'Removed old rows');
  }
}

describe('Sweep', () => {
  let timers: ManualTimers;
  let lines: { level: string; args: unknown[] }[];

  beforeEach(() => {
    timers = new ManualTimers();
    lines = [];
    for (const level of ['log', 'error'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation(function (
        this: Logger,
        ...args: unknown[]
      ) {
        lines.push({ level, args: [...args, (this as unknown as { context: string }).context] });
      });
    }
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('sweeps every interval from bootstrap and logs { count } swept when rows changed', async () => {
    const sweep = new CountingSweep({ timers });
    sweep.counts = [2, 0];
    sweep.onApplicationBootstrap();

    expect(timers.pendingDelays).toEqual([1_000]);
    await expect(timers.fire()).resolves.toBe(1_000);
    await expect(timers.fire()).resolves.toBe(1_000);
    await sweep.beforeApplicationShutdown();

    expect(lines).toEqual([{ level: 'log', args: [{ count: 2 }, 'swept', 'TestSweep'] }]);
    expect(timers.pendingDelays).toEqual([]);
  });

  it('sweeps at bootstrap first when told to (initialDelayMs 0), then every interval', async () => {
    const sweep = new CountingSweep({ timers, initialDelayMs: 0 });
    sweep.counts = [1, 0];
    sweep.onApplicationBootstrap();

    expect(timers.pendingDelays).toEqual([0]);
    await expect(timers.fire()).resolves.toBe(1_000);
    await sweep.beforeApplicationShutdown();
    expect(lines).toEqual([{ level: 'log', args: [{ count: 1 }, 'swept', 'TestSweep'] }]);
  });

  it('logs a failed round under its own name, as the task name it is given', async () => {
    const sweep = new CountingSweep({ timers, taskName: 'test-sweep' });
    sweep.onApplicationBootstrap();

    await timers.fire();
    await sweep.beforeApplicationShutdown();

    expect(lines).toEqual([
      {
        level: 'error',
        args: [
          { task: 'test-sweep', err: expect.objectContaining({ message: 'store down' }) },
          'Task round failed',
          'TestSweep',
        ],
      },
    ]);
  });

  it('lets a subclass write its own line for a sweep that changed rows', async () => {
    const sweep = new ReportingSweep({ timers });
    sweep.counts = [3];

    await expect(sweep.sweep()).resolves.toBe(3);

    expect(lines).toEqual([
      { level: 'log', args: [{ removed: 3 }, 'Removed old rows', 'TestSweep'] },
    ]);
  });
});
