import { randomInt, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeHttpService, json, type ServiceFault } from './fake-http-service.js';

export type { RecordedRequest } from './fake-http-service.js';

/**
 * How the fake registry OTP service answers:
 * - `normal`: the contract (docs/domain-rules.md, OTP verification), statuses in lower case;
 * - `rate-limited`: 429, with `Retry-After` when `retryAfter` is given;
 * - the faults of every fake service (`error`, `hang`, `close`, `reply`, and `garbage`: 200/201
 *   with a non-JSON body).
 */
export type OtpServerBehaviour =
  | { readonly kind: 'normal' }
  | { readonly kind: 'rate-limited'; readonly retryAfter?: string }
  | ServiceFault;

type OwnBehaviour = Exclude<OtpServerBehaviour, ServiceFault>;

interface Verification {
  readonly id: string;
  readonly code: number;
  status: 'new' | 'verified' | 'canceled' | 'expired';
  attempts: number;
  codeExpiredAt: Date;
}

export interface OtpServerOptions {
  readonly maxAttempts?: number;
  readonly ttlMinutes?: number;
  /** The service's "now", for its codes' expiry (default: the wall clock). */
  readonly now?: () => Date;
  /** Where its codes come from (default: random 4-digit numbers). */
  readonly nextCode?: () => number;
}

/** A real HTTP server that speaks the registry's OTP verification contract, for adapter tests. */
export class FakeOtpServer extends FakeHttpService<OwnBehaviour> {
  private readonly verifications = new Map<string, Verification>();
  private readonly verified = new Set<string>();
  private readonly maxAttempts: number;
  private readonly ttlMinutes: number;
  private readonly now: () => Date;
  private readonly nextCode: () => number;

  private constructor(options: OtpServerOptions) {
    super({ kind: 'normal' });
    this.maxAttempts = options.maxAttempts ?? 3;
    this.ttlMinutes = options.ttlMinutes ?? 15;
    this.now = options.now ?? (() => new Date());
    this.nextCode = options.nextCode ?? (() => randomInt(1000, 10_000));
  }

  /** Starts the server on a free loopback port. */
  static start(options: OtpServerOptions = {}): Promise<FakeOtpServer> {
    return new FakeOtpServer(options).listen();
  }

  /** Back to the contract, with no verifications and no recorded requests. */
  override reset(): void {
    super.reset();
    this.verifications.clear();
    this.verified.clear();
  }

  /** The code of the phone's live verification, as the SMS would carry it. */
  lastCodeFor(phoneNumber: string): string | undefined {
    const code = this.verifications.get(phoneNumber)?.code;
    return code === undefined ? undefined : String(code);
  }

  /** Makes the phone's live code expire now. */
  expire(phoneNumber: string): void {
    const verification = this.verifications.get(phoneNumber);
    if (verification) verification.codeExpiredAt = new Date(this.now().getTime() - 1000);
  }

  protected override garbageStatus(method: string): number {
    return method === 'POST' ? 201 : 200;
  }

  protected contract(
    req: IncomingMessage,
    body: unknown,
    res: ServerResponse,
    behaviour: OwnBehaviour,
  ): void {
    if (behaviour.kind === 'rate-limited') {
      if (behaviour.retryAfter !== undefined) res.setHeader('retry-after', behaviour.retryAfter);
      return json(res, 429, { error: { type: 'too_many_requests', message: 'Slow down' } });
    }
    const method = req.method ?? '';
    const url = req.url ?? '';
    const complete = /^\/verifications\/([^/]+)\/actions\/complete$/.exec(url);
    const one = /^\/verifications\/([^/]+)$/.exec(url);
    if (method === 'POST' && url === '/verifications') {
      const phone = (body as { phone_number?: unknown } | undefined)?.phone_number;
      if (typeof phone !== 'string')
        return json(res, 422, { error: { type: 'validation_failed' } });
      const previous = this.verifications.get(phone);
      if (previous) previous.status = 'canceled';
      const verification: Verification = {
        id: randomUUID(),
        code: this.nextCode(),
        status: 'new',
        attempts: 0,
        codeExpiredAt: new Date(this.now().getTime() + this.ttlMinutes * 60_000),
      };
      this.verifications.set(phone, verification);
      return json(res, 201, { data: present(verification) });
    }
    if (method === 'PATCH' && complete) {
      const phone = decodeURIComponent(complete[1]);
      const verification = this.verifications.get(phone);
      if (!verification || verification.status !== 'new') {
        return json(res, 404, { error: { type: 'not_found', message: 'Not found' } });
      }
      if (verification.codeExpiredAt.getTime() <= this.now().getTime()) {
        return forbidden(res, 'Verification code expired');
      }
      if (verification.attempts >= this.maxAttempts) {
        return forbidden(res, 'Maximum attempts exceed');
      }
      if ((body as { code?: unknown } | undefined)?.code !== verification.code) {
        verification.attempts += 1;
        return forbidden(res, 'Invalid verification code');
      }
      verification.status = 'verified';
      this.verified.add(phone);
      return json(res, 200, { data: present(verification) });
    }
    if (method === 'GET' && one) {
      const phone = decodeURIComponent(one[1]);
      if (!this.verified.has(phone)) {
        return json(res, 404, { error: { type: 'not_found', message: 'Not found' } });
      }
      return json(res, 200, { data: { phone_number: phone, status: 'verified' } });
    }
    return json(res, 404, { error: { type: 'not_found', message: 'Route not found' } });
  }
}

function present(v: Verification): Record<string, unknown> {
  return {
    id: v.id,
    status: v.status,
    code_expired_at: v.codeExpiredAt.toISOString(),
    active: v.status === 'new',
  };
}

function forbidden(res: ServerResponse, message: string): void {
  json(res, 403, { error: { type: 'forbidden', message } });
}
