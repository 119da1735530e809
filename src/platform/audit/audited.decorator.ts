import { SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { AuditAction } from '../../kernel/domain/audit-action.js';

export const AUDITED_KEY = 'registry:audited';

/**
 * What an audited route does to whose data, as its audit row says it (docs/api.md, Audit
 * trail). The id of the resource is taken, in this order, from the route parameter `param`, from
 * a use case that named it (`auditedResource`, for creates: the row is written before the answer
 * exists), or from the answer's `id` when `answerId` is set. Nothing else of the call is kept:
 * a list keeps its count, a search the names of the parameters it used.
 */
export interface AuditedRoute {
  readonly action: AuditAction;
  /** The kind of resource, e.g. `person_request`. */
  readonly resource: string;
  /** The route parameter holding the resource's id (only a UUID is kept). */
  readonly param?: string;
  /** The resource's id is the answer's `id` (a write without a transaction, say). */
  readonly answerId?: boolean;
}

/**
 * Marks a route whose calls the audit trail records: every write and every read of a person's
 * data. A GET is a read (recorded in batches); any other method a write, recorded in the
 * transaction of its use case's write, or its refusal in a transaction of its own. For example
 *
 * ```ts
 * @Patch(':request_id/actions/approve')
 * @Scopes('authentication_method_request:write')
 * @Audited({ action: 'approve', resource: 'authentication_method_request', param: 'request_id' })
 * ```
 */
export const Audited = (route: AuditedRoute): MethodDecorator => SetMetadata(AUDITED_KEY, route);

/** The route's audit description, or undefined for a route that is not audited. */
export function auditedRoute(reflector: Reflector, handler: Function): AuditedRoute | undefined {
  return reflector.get<AuditedRoute | undefined>(AUDITED_KEY, handler);
}
