import { Logger } from '@nestjs/common';
import {
  jetstream,
  jetstreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  StorageType,
  type JetStreamClient,
} from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { serializeError } from '../../../platform/logging/error-serializer.js';
import { EventPublisher, type PublishReceipt } from '../../application/event-publisher.port.js';
import { eventPayload, type StateChangeEvent } from '../../domain/state-change-event.js';

export interface NatsJetStreamOptions {
  readonly url: string;
  readonly subject: string;
  readonly stream: string;
  /** The stream drops a message whose id it has seen within this window. */
  readonly duplicateWindowMs: number;
  readonly publishTimeoutMs: number;
  readonly connectTimeoutMs: number;
}

/**
 * Publishes events to a NATS JetStream subject, the event id as `Nats-Msg-Id`. The connection is
 * opened lazily by `ready()`, so the application starts while NATS is down; once open, the client
 * reconnects by itself forever, and the stream is (re)ensured after every reconnect.
 */
export class NatsJetStreamPublisher extends EventPublisher {
  private readonly logger = new Logger('NatsJetStreamPublisher');
  private connection: NatsConnection | undefined;
  private opening: Promise<void> | undefined;
  private js: JetStreamClient | undefined;
  private connected = false;
  private streamReady = false;
  private closed = false;
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly options: NatsJetStreamOptions) {
    super();
  }

  async ready(): Promise<boolean> {
    if (this.closed) return false;
    try {
      if (!this.connection || this.connection.isClosed()) {
        // One connection however many callers ask at once (the relay's round, a test's relayOnce).
        this.opening ??= this.open().finally(() => {
          this.opening = undefined;
        });
        await this.opening;
      }
      if (!this.connected || !this.connection) return false;
      if (!this.streamReady) {
        await this.ensureStream(this.connection);
        this.streamReady = true;
      }
      return true;
    } catch (error) {
      this.logger.warn({ err: serializeError(error) }, 'NATS JetStream is not available');
      return false;
    }
  }

  async publish(event: StateChangeEvent): Promise<PublishReceipt> {
    if (!this.js || !this.connected) throw new Error('NATS is not connected');
    try {
      const ack = await this.js.publish(this.options.subject, JSON.stringify(eventPayload(event)), {
        msgID: event.id,
        timeout: this.options.publishTimeoutMs,
        expect: { streamName: this.options.stream },
      });
      return { duplicate: ack.duplicate };
    } catch (error) {
      // The stream may have been lost with the server's storage: check it again next time.
      this.streamReady = false;
      throw error;
    }
  }

  onAvailable(listener: () => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.opening?.catch(() => undefined);
    const connection = this.connection;
    this.connection = undefined;
    this.js = undefined;
    if (!connection || connection.isClosed()) return;
    // Draining needs a server to flush to; during an outage there is nothing to flush anyway,
    // since every publish was awaited.
    if (!this.connected) {
      await connection.close();
      return;
    }
    try {
      await connection.drain();
    } catch {
      await connection.close();
    }
  }

  private async open(): Promise<void> {
    const connection = await connect({
      servers: this.options.url,
      name: 'ehealth-auth-methods-outbox-relay',
      timeout: this.options.connectTimeoutMs,
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      // Notices a server that went away silently within about 20 s (default: minutes).
      pingInterval: 10_000,
    });
    if (this.closed) {
      await connection.close();
      return;
    }
    this.connection = connection;
    this.js = jetstream(connection, { timeout: this.options.publishTimeoutMs });
    this.connected = true;
    this.streamReady = false;
    void this.watch(connection);
  }

  private async watch(connection: NatsConnection): Promise<void> {
    try {
      await this.follow(connection);
    } finally {
      if (this.connection === connection) this.connected = false;
    }
  }

  private async follow(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect') {
        this.connected = false;
        this.logger.warn('NATS connection lost; reconnecting');
      } else if (status.type === 'reconnect') {
        this.connected = true;
        this.streamReady = false;
        this.logger.log('NATS connection restored');
        for (const listener of this.listeners) listener();
      }
    }
  }

  private async ensureStream(connection: NatsConnection): Promise<void> {
    const jsm = await jetstreamManager(connection, { timeout: this.options.publishTimeoutMs });
    const { stream, subject, duplicateWindowMs } = this.options;
    try {
      const info = await jsm.streams.info(stream);
      const subjects = info.config.subjects ?? [];
      if (!subjects.includes(subject)) {
        await jsm.streams.update(stream, { subjects: [...subjects, subject] });
      }
    } catch (error) {
      if (
        !(error instanceof JetStreamApiError) ||
        error.code !== JetStreamApiCodes.StreamNotFound
      ) {
        throw error;
      }
      await jsm.streams.add({
        name: stream,
        subjects: [subject],
        storage: StorageType.File,
        duplicate_window: nanos(duplicateWindowMs),
      });
      this.logger.log({ stream, subject }, 'Created the JetStream stream for events');
    }
  }
}
