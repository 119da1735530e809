/**
 * The one call a test makes to prove an answer speaks the registry's contract:
 *
 * ```ts
 * const res = await t.http.patch(url).set(headers).send({ verification_code: 1234 });
 * expectRegistryAnswer(
 *   'PATCH /api/persons/{id}/authentication_method_requests/{request_id}/actions/approve',
 *   res,
 * );
 * ```
 *
 * The answer is checked against the registry's schema for that status (its error schemas
 * included), or, for an error status the registry does not list, against the project's generic
 * error envelope; then against the project's envelope rules (`meta.code` is the HTTP status, ...).
 * A failure names every problem with its JSON path.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import {
  REGISTRY_OPERATIONS,
  type RegistryOperation,
  type RegistryOperationKey,
} from './operations.js';
import { MASK_NAMES, projectError, type Schema } from './schema-parts.js';

export { REGISTRY_OPERATIONS, type RegistryOperationKey } from './operations.js';

const ajv = new Ajv2020({ strict: false, allErrors: true });
const compiled = new Map<Schema, ValidateFunction>();

function validatorOf(schema: Schema): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  let detail = '';
  if (error.keyword === 'additionalProperties') detail = ` '${String(params.additionalProperty)}'`;
  if (error.keyword === 'enum') detail = ` (${(params.allowedValues as unknown[]).join(', ')})`;
  if (error.keyword === 'const') detail = ` (${JSON.stringify(params.allowedValue)})`;
  const mask = error.keyword === 'pattern' ? MASK_NAMES[String(params.pattern)] : undefined;
  return `${where}: ${mask ?? error.message ?? error.keyword}${detail}`;
}

/** What a value breaks of a schema, one line per problem (empty when it passes). */
export function schemaProblems(schema: Schema, value: unknown): string[] {
  const validate = validatorOf(schema);
  return validate(value) ? [] : (validate.errors ?? []).map(describe);
}

/**
 * The schema an answer of the operation with this status must match: the registry's, or for an
 * error status it does not list, the project's error envelope; `undefined` for a success status
 * the registry does not document (such an answer is wrong whatever its body).
 */
export function registryAnswerSchema(
  operation: RegistryOperationKey,
  status: number,
): Schema | undefined {
  const answers: Readonly<Record<number, Schema>> = REGISTRY_OPERATIONS[operation].answers;
  return answers[status] ?? (status >= 400 ? projectError(status) : undefined);
}

/** The project's own envelope rules, which hold for every answer (its HTTP contract, "Envelope"). */
function envelopeProblems(status: number, body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return ['(root): the answer is not a JSON object'];
  }
  const answer = body as Record<string, unknown>;
  const meta = answer.meta as Record<string, unknown> | undefined;
  const problems: string[] = [];
  if (meta?.code !== status) problems.push(`/meta/code: must be the HTTP status ${status}`);
  if (status >= 400) {
    if (!('error' in answer)) problems.push('(root): an error answer must have error');
    if ('data' in answer) problems.push('(root): an error answer must not have data');
    if (meta?.type !== 'object') problems.push("/meta/type: an error answer's type is object");
  } else {
    if (!('data' in answer)) problems.push('(root): a success answer must have data');
    if ('error' in answer) problems.push('(root): a success answer must not have error');
    const expected = Array.isArray(answer.data) ? 'list' : 'object';
    if (meta?.type !== expected) problems.push(`/meta/type: must be ${expected}`);
  }
  return problems;
}

/** Everything an answer breaks of the registry's contract and the project's envelope. */
export function registryAnswerProblems(
  operation: RegistryOperationKey,
  status: number,
  body: unknown,
): string[] {
  const schema = registryAnswerSchema(operation, status);
  if (schema === undefined) {
    const documented = Object.keys(REGISTRY_OPERATIONS[operation].answers).join(', ');
    return [
      `(status): the registry documents no ${status} answer here (it documents ${documented})`,
    ];
  }
  return [...schemaProblems(schema, body), ...envelopeProblems(status, body)];
}

/** An HTTP answer as supertest (or any client) gives it. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** Fails (throws) with every problem when the answer breaks the registry's contract. */
export function expectRegistryAnswer(operation: RegistryOperationKey, answer: HttpAnswer): void;
export function expectRegistryAnswer(
  operation: RegistryOperationKey,
  status: number,
  body: unknown,
): void;
export function expectRegistryAnswer(
  operation: RegistryOperationKey,
  statusOrAnswer: number | HttpAnswer,
  body?: unknown,
): void {
  const [status, payload] =
    typeof statusOrAnswer === 'number'
      ? [statusOrAnswer, body]
      : [statusOrAnswer.status, statusOrAnswer.body];
  const problems = registryAnswerProblems(operation, status, payload);
  if (problems.length > 0) {
    throw new Error(
      `${operation} answered ${status} outside the registry's contract:\n  ${problems.join('\n  ')}`,
    );
  }
}

/** What a request body breaks of the body the registry describes for the operation. */
export function registryRequestProblems(operation: RegistryOperationKey, body: unknown): string[] {
  const operationFacts: RegistryOperation = REGISTRY_OPERATIONS[operation];
  if (operationFacts.request === undefined) {
    return [`(request): the registry describes no request body for ${operation}`];
  }
  return schemaProblems(operationFacts.request, body);
}
