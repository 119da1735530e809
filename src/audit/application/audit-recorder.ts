import { Logger } from '@nestjs/common';
import type { UnitOfWork } from '../../kernel/application/unit-of-work.port.js';
import { currentAuditScope, type AuditScope } from '../../platform/audit/audit-scope.js';
import { auditEntry, isRead, type AuditEntry } from '../domain/audit-entry.js';
import type { AuditReadBuffer } from './audit-read-buffer.js';
import type { AuditTrail } from './audit-trail.port.js';

/** What the answer told about the call, besides its status. */
export interface AuditAnswer {
  readonly status: number;
  /** The id the answer gave its resource (`data.id`), used when the route says `answerId`. */
  readonly answerId?: string;
  /** A list's or a search's length. */
  readonly items?: number;
  /** A search's query: only the names of the parameters that had a value are kept. */
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/**
 * Records audited calls (docs/api.md, Audit trail):
 * - a write's row is written by `beforeCommit`, the hook every unit of work runs before it
 *   commits, so the row commits with the write. When the call's use case runs several
 *   transactions, the first one that commits carries the row;
 * - when the answer is known (`answered`): a write that no transaction recorded (refused, or one
 *   whose only effect is outside this service's transactions, such as a code sent) is recorded
 *   in a transaction of its own with the answer's status; a write recorded by a transaction that
 *   then failed later on gets a second row with the failure's status; a read goes to the buffer,
 *   written at least every second.
 */
export class AuditRecorder {
  private readonly logger = new Logger('AuditTrail');

  constructor(
    private readonly trail: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly reads: AuditReadBuffer,
  ) {}

  /**
   * The before-commit hook: the current write's row, in the transaction about to commit. When
   * the store can send it at once, the row leaves before this returns and travels with the COMMIT;
   * else it is recorded (and answered) first. Either way the scope is marked recorded only once
   * the transaction has committed.
   */
  readonly beforeCommit = ():
    { written: Promise<void>; committed: () => void } | Promise<() => void> | undefined => {
    const scope = currentAuditScope();
    if (!scope || scope.recorded || isRead(scope.route) || scope.clientId === null) return;
    const entry = this.entry(scope, { status: scope.successStatus });
    const committed = (): void => {
      scope.recorded = true;
    };
    if (this.trail.sendInTransaction) {
      return { written: this.trail.sendInTransaction(entry), committed };
    }
    return this.trail.record([entry]).then(() => committed);
  };

  /** After the answer of an audited call is decided (success or failure). */
  async answered(scope: AuditScope, answer: AuditAnswer): Promise<void> {
    if (scope.clientId === null) return;
    const entry = this.entry(scope, answer);
    if (isRead(entry)) {
      this.reads.add(entry);
      return;
    }
    if (scope.recorded && answer.status < 400) return;
    // Whatever runs from here on is no longer the write: the hook must not record it again.
    scope.recorded = true;
    try {
      await this.uow.run(() => this.trail.record([entry]));
    } catch (error) {
      this.logger.error(
        { err: error, action: entry.action, request_id: entry.requestId },
        'The audit row of a write could not be recorded',
      );
    }
  }

  private entry(scope: AuditScope, answer: AuditAnswer): AuditEntry {
    const { route } = scope;
    const resourceId =
      scope.resourceId ?? (route.answerId === true ? (answer.answerId ?? null) : null);
    return auditEntry({
      at: scope.at,
      clientId: scope.clientId!,
      sub: scope.sub,
      action: route.action,
      resourceType: route.resource,
      resourceId,
      requestId: scope.requestId,
      status: answer.status,
      ...(answer.items !== undefined ? { items: answer.items } : {}),
      ...(answer.parameters !== undefined ? { parameters: answer.parameters } : {}),
    });
  }
}
