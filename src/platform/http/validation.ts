import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, validationFailed, type InvalidEntry } from '../../kernel/domain/errors.js';
import { jsonPath } from '../../kernel/domain/json.js';

const RULES: Record<string, string> = {
  isDefined: 'required',
  isNotEmpty: 'required',
  whitelistValidation: 'invalid',
  matches: 'format',
  isUuid: 'format',
  isUUID: 'format',
  isDateString: 'format',
  isIso8601: 'format',
  isEmail: 'format',
  isIn: 'inclusion',
  isEnum: 'inclusion',
  length: 'length',
  minLength: 'length',
  maxLength: 'length',
  arrayMinSize: 'length',
  arrayMaxSize: 'length',
  isString: 'cast',
  isBoolean: 'cast',
  isInt: 'cast',
  isArray: 'cast',
  isObject: 'cast',
  min: 'number',
  max: 'number',
  isPageNumber: 'number',
};

/** Flattens class-validator's tree into registry `invalid` entries with JSON paths. */
export function toInvalidEntries(errors: readonly ValidationError[], parent = '$'): InvalidEntry[] {
  const entries: InvalidEntry[] = [];
  for (const error of errors) {
    const path = jsonPath(parent, error.property);
    for (const [name, description] of Object.entries(error.constraints ?? {})) {
      entries.push({ entry: path, rule: RULES[name] ?? 'invalid', description });
    }
    if (error.children?.length) entries.push(...toInvalidEntries(error.children, path));
  }
  return entries;
}

/** The standalone app's pipe: whitelist + forbid unknown keys, errors as DomainError 422. */
export function registryValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors): DomainError => validationFailed(toInvalidEntries(errors)),
  });
}
