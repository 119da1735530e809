import type {
  BeforeApplicationShutdown,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import type {
  AttemptRecord,
  AttemptRecords,
} from '../../document-storage/application/attempt-records.js';
import type {
  UploadTarget,
  UploadTargets,
} from '../../document-storage/application/upload-gate.js';
import type { Clock } from '../../kernel/application/clock.port.js';
import type { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { fail, type DomainError, type ErrorSpec } from '../../kernel/domain/errors.js';
import { asOf, expiryCutoff, type Lifecycle, type LifecycleRequest } from '../domain/lifecycle.js';
import { RequestExpirySweep } from './request-expiry-sweep.js';
import type { RequestRepository } from './request-repository.port.js';

/** Where a route reaches a request: under a parent (its person), which must hold it. */
export interface RequestScope<R> {
  /** Whether the request belongs where the route looks for it. */
  readonly holds: (request: R) => boolean;
  /** The refusal when it does not (or does not exist): the route's 404. */
  readonly notFound: () => Promise<DomainError>;
}

/** What the lifecycle's services need besides the kind's own repository. */
export interface LifecycleDeps {
  readonly clock: Clock;
  readonly uow: UnitOfWork;
  readonly uploadTargets: UploadTargets;
  readonly attemptRecords: AttemptRecords;
}

/** What a kind says of itself besides its road. */
export interface KindOptions<R> {
  /** The 404 of an unknown id, or of another client's request. */
  readonly notFound: ErrorSpec;
  /**
   * For a kind that is signed: the attempt key its sign recorded (its signed copy), so that the
   * attempt sweep can finish a move a crash interrupted.
   */
  readonly signedCopyAttempt?: (request: R) => string | null;
}

/**
 * The requests of one kind as the lifecycle serves them: the one way use cases reach a request
 * (it belongs to the calling client, or it does not exist for them: the same 404 as an unknown
 * id, before anything else happens; an expired request reads as expired whether or not the sweep
 * stored it yet), the gate of its upload URLs (open only while the request is NEW and unexpired,
 * decided under the row lock its transitions take), the record of its kept signed copies, and
 * the sweep that stores expiry. Each kind provides one subclass, which names its lifecycle, its
 * repository and its 404.
 */
export abstract class LifecycleRequests<
  S extends string,
  T extends string,
  R extends LifecycleRequest<S>,
>
  implements
    UploadTarget,
    AttemptRecord,
    OnModuleInit,
    OnApplicationBootstrap,
    BeforeApplicationShutdown
{
  private readonly sweep: RequestExpirySweep;

  protected constructor(
    readonly lifecycle: Lifecycle<S, T>,
    private readonly requests: RequestRepository<R>,
    private readonly deps: LifecycleDeps,
    private readonly options: KindOptions<R>,
  ) {
    this.sweep = new RequestExpirySweep(lifecycle.kind, () => this.expireStale());
  }

  /** Now, by the service's clock. */
  now(): Date {
    return this.deps.clock.now();
  }

  /** The request with its effective status now. */
  asOf(request: R): R {
    return asOf(this.lifecycle, request, this.now());
  }

  /** When requests of an expiring status created at or before it have expired. */
  cutoff(): Date {
    return expiryCutoff(this.lifecycle, this.now());
  }

  /** The caller's request, with its effective status; 404 unless it is theirs (and in scope). */
  async get(id: string, clientId: string, scope?: RequestScope<R>): Promise<R> {
    return this.owned(await this.requests.findById(id), clientId, scope);
  }

  /** As `get`, inside a unit of work: the row stays locked until it ends. */
  async lock(id: string, clientId: string, scope?: RequestScope<R>): Promise<R> {
    return this.owned(await this.requests.findByIdForUpdate(id), clientId, scope);
  }

  async isOpen(id: string): Promise<boolean> {
    return this.open(await this.requests.findById(id));
  }

  async clientOf(id: string): Promise<string | null> {
    return (await this.requests.findById(id))?.clientId ?? null;
  }

  /**
   * Runs `work` under the request's row lock, the lock its transitions take, only if it is still
   * open then. Holding that one lock, and nothing else while waiting for it, this never takes
   * part in a deadlock with a transition (which may lock the person first).
   */
  whileOpen(id: string, work: () => Promise<void>): Promise<boolean> {
    return this.deps.uow.run(async () => {
      if (!this.open(await this.requests.findByIdForUpdate(id))) return false;
      await work();
      return true;
    });
  }

  /** Stores the expiry of the requests past their TTL; returns how many. */
  expireStale(): Promise<number> {
    const { expiresFrom, expired } = this.lifecycle;
    return this.requests.expire(expiresFrom, expired, this.cutoff());
  }

  async recordedAttempt(id: string): Promise<string | null> {
    const request = await this.requests.findById(id);
    return request && this.options.signedCopyAttempt
      ? this.options.signedCopyAttempt(request)
      : null;
  }

  onModuleInit(): void {
    this.deps.uploadTargets.register(this.lifecycle.kind, this);
    if (this.options.signedCopyAttempt)
      this.deps.attemptRecords.register(this.lifecycle.kind, this);
  }

  onApplicationBootstrap(): void {
    this.sweep.onApplicationBootstrap();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.sweep.beforeApplicationShutdown();
  }

  private open(request: R | null): boolean {
    return request !== null && this.asOf(request).status === 'NEW';
  }

  /**
   * The request as its client may see it, or the not-found failure: for a request read or locked
   * by its kind's own statement (`get` and `lock` end here too).
   */
  async owned(request: R | null, clientId: string, scope: RequestScope<R> | undefined): Promise<R> {
    if (request && request.clientId === clientId && (!scope || scope.holds(request))) {
      return this.asOf(request);
    }
    throw scope ? await scope.notFound() : fail(this.options.notFound);
  }
}
