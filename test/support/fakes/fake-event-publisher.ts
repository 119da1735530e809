import {
  EventPublisher,
  type PublishReceipt,
} from '../../../src/events/application/event-publisher.port.js';
import type { StateChangeEvent } from '../../../src/events/domain/state-change-event.js';

/**
 * A broker in memory: it acknowledges what it is given unless the test took it down or told it
 * to refuse an event, and reports a repeat of an id it holds as a duplicate (its dedupe window
 * never ends).
 */
export class FakeEventPublisher extends EventPublisher {
  /** Ids of every publish attempted, in order. */
  readonly attempts: string[] = [];
  /** Ids the broker acknowledged, in order. */
  readonly acknowledged: string[] = [];
  closed = false;
  private available = true;
  private readonly refused = new Set<string>();
  private readonly held = new Set<string>();
  private readonly listeners: (() => void)[] = [];
  private blocked: Promise<void> | undefined;
  private attemptWaiters: { count: number; resolve: () => void }[] = [];

  goDown(): void {
    this.available = false;
  }

  /** The broker is reachable again; tells the listeners, as a reconnect does. */
  comeBack(): void {
    this.available = true;
    for (const listener of this.listeners) listener();
  }

  /** The next publishes of this id are refused (no ack). */
  refuse(id: string): void {
    this.refused.add(id);
  }

  accept(id: string): void {
    this.refused.delete(id);
  }

  /** Holds every publish until the returned function is called. */
  block(): () => void {
    let release!: () => void;
    this.blocked = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.blocked = undefined;
      release();
    };
  }

  /** Resolves once `count` publishes have been attempted. */
  attempted(count: number): Promise<void> {
    if (this.attempts.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.attemptWaiters.push({ count, resolve }));
  }

  ready(): Promise<boolean> {
    return Promise.resolve(this.available && !this.closed);
  }

  async publish(event: StateChangeEvent): Promise<PublishReceipt> {
    this.attempts.push(event.id);
    for (const waiter of this.attemptWaiters.filter((w) => w.count <= this.attempts.length)) {
      this.attemptWaiters.splice(this.attemptWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    await this.blocked;
    if (!this.available || this.closed) throw new Error('broker unreachable');
    if (this.refused.has(event.id)) throw new Error('publish not acknowledged');
    const duplicate = this.held.has(event.id);
    this.held.add(event.id);
    this.acknowledged.push(event.id);
    return { duplicate };
  }

  onAvailable(listener: () => void): void {
    this.listeners.push(listener);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
