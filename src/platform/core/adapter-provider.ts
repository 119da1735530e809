import type { FactoryProvider, InjectionToken, Provider, Type } from '@nestjs/common';

/** A port: an abstract class used as the injection token of its adapter. */
export type Port<T = unknown> = abstract new (...args: never[]) => T;

/** How a host supplies one adapter: a class, an instance, or a factory. */
export type AdapterProvider<T> =
  | Type<T>
  | { readonly useValue: T }
  | {
      readonly useFactory: (...args: never[]) => T | Promise<T>;
      readonly inject?: FactoryProvider['inject'];
    };

/**
 * The token under which a host's replacement for a port is registered (by EhealthCoreModule).
 * Feature modules bind their ports with `bindPort`, which prefers it over their default adapter.
 */
export function overrideToken(port: Port): string {
  return `ehealth:override:${port.name}`;
}

/** Providers that register a host's adapter under the port's override token. */
export function overrideProviders<T>(
  port: Port<T>,
  given: AdapterProvider<T> | undefined,
): Provider[] {
  if (given === undefined) return [];
  const token = overrideToken(port);
  if (typeof given === 'function') return [given, { provide: token, useExisting: given }];
  if ('useValue' in given) return [{ provide: token, useValue: given.useValue }];
  return [{ provide: token, useFactory: given.useFactory, inject: given.inject ?? [] }];
}

/**
 * Binds a port inside its feature module: to the host's adapter when one was given to
 * EhealthCoreModule, else to the default the factory builds from `inject`.
 */
export function bindPort<T>(
  port: Port<T>,
  fallback: {
    readonly inject: readonly InjectionToken[];
    readonly useFactory: (...deps: never[]) => T | Promise<T>;
  },
): Provider {
  return {
    provide: port,
    inject: [{ token: overrideToken(port), optional: true }, ...fallback.inject],
    useFactory: (override: T | undefined, ...deps: never[]): T | Promise<T> =>
      override ?? fallback.useFactory(...deps),
  };
}
