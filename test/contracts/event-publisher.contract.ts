import type { EventPublisher } from '../../src/events/application/event-publisher.port.js';
import { anEvent } from '../support/event-mother.js';
import { until } from '../support/until.js';

export interface EventPublisherSubject {
  /** A publisher of a destination no one has published to, its broker up. */
  readonly publisher: EventPublisher;
  /** The broker becomes unreachable (an outage). */
  goDown(): Promise<void>;
  /** The broker is reachable again after `goDown`. */
  comeBack(): Promise<void>;
}

/**
 * The promises of EventPublisher (src/events/application/event-publisher.port.ts): once ready, a
 * publish resolves with the broker's acknowledgement, an id it already holds reported as a
 * duplicate (here well inside the dedupe window); while the broker is unreachable ready() answers
 * false without throwing and a publish rejects; when it is back the listeners are told and
 * publishing goes on.
 */
export function describeEventPublisherContract(
  name: string,
  makeSubject: () => Promise<EventPublisherSubject>,
): void {
  describe(`the EventPublisher contract: ${name}`, () => {
    let s: EventPublisherSubject;

    beforeEach(async () => {
      s = await makeSubject();
    });

    it('acknowledges each new event once ready', async () => {
      await expect(s.publisher.ready()).resolves.toBe(true);
      await expect(s.publisher.publish(anEvent())).resolves.toEqual({ duplicate: false });
      await expect(s.publisher.publish(anEvent())).resolves.toEqual({ duplicate: false });
    });

    it('reports an event id it already holds as a duplicate', async () => {
      const event = anEvent();
      await expect(s.publisher.ready()).resolves.toBe(true);
      await expect(s.publisher.publish(event)).resolves.toEqual({ duplicate: false });
      await expect(s.publisher.publish(event)).resolves.toEqual({ duplicate: true });
      await expect(
        s.publisher.publish({ ...event, entityId: anEvent().entityId }),
      ).resolves.toEqual({ duplicate: true });
    });

    it('answers false from ready() and rejects a publish while the broker is down', async () => {
      await expect(s.publisher.ready()).resolves.toBe(true);
      await s.goDown();

      await until('ready() answers false', async () => !(await s.publisher.ready()));
      await expect(s.publisher.ready()).resolves.toBe(false);
      await expect(s.publisher.publish(anEvent())).rejects.toThrow();
    });

    it('tells its listeners when the broker is back, and publishes again', async () => {
      const told: string[] = [];
      s.publisher.onAvailable(() => told.push('back'));
      await expect(s.publisher.ready()).resolves.toBe(true);
      await s.goDown();
      await until('ready() answers false', async () => !(await s.publisher.ready()));
      expect(told).toEqual([]);

      await s.comeBack();

      await until('the listener is told', () => told.length > 0);
      await expect(s.publisher.ready()).resolves.toBe(true);
      await expect(s.publisher.publish(anEvent())).resolves.toEqual({ duplicate: false });
    });

    it('acknowledges nothing once closed', async () => {
      await expect(s.publisher.ready()).resolves.toBe(true);
      await s.publisher.close();

      await expect(s.publisher.ready()).resolves.toBe(false);
      await expect(s.publisher.publish(anEvent())).rejects.toThrow();
    });
  });
}
