import { DomainError } from '../../kernel/domain/errors.js';

/**
 * Runs a use case whose command was built from a request body, and puts the domain's field names
 * in its 422 entries on their JSON paths in that body (`phoneNumber` →
 * `$.authentication_method.phone_number`): the domain speaks its own words, the wire its own.
 */
export async function atPaths<T>(
  paths: Readonly<Record<string, string>>,
  call: Promise<T>,
): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw error instanceof DomainError ? error.atPaths(paths) : error;
  }
}
