import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { createTestDatabase } from './database.js';

/** Where the fixtures of released builds live (test/fixtures/releases/README.md). */
const RELEASES = resolve(import.meta.dirname, '../fixtures/releases');

/** One GET the released build answered when its fixture was made, and its answer. */
export interface RecordedRead {
  readonly path: string;
  readonly client: 'A' | 'B';
  readonly status: number;
  /** The answer without `meta` (its request id and URL belong to that one call). */
  readonly body: Record<string, unknown>;
}

/** What a release's fixture knows about the data it made (fixture.json, by role). */
export interface ReleaseFixture {
  readonly release: string;
  /** The released build's clock when the dump was taken. */
  readonly now: string;
  readonly clients: Record<'A' | 'B', { readonly clientId: string; readonly sub: string }>;
  readonly persons: Record<string, string>;
  readonly personRequests: Record<string, { readonly id: string; readonly client: 'A' | 'B' }>;
  readonly authenticationMethodRequests: Record<
    string,
    { readonly id: string; readonly person: string; readonly client: 'A' | 'B' }
  >;
  readonly verifications: Record<string, string>;
  /** Codes still live at dump time: the phone each went to, and the code. */
  readonly liveCodes: Record<string, { readonly phone: string; readonly code: string }>;
  readonly phones: { readonly otp: string; readonly verifiedUnused: string };
  readonly reads: readonly RecordedRead[];
}

/** The releases that have a fixture, oldest name first. */
export function releasesWithFixtures(): string[] {
  return readdirSync(RELEASES)
    .filter((name) => existsSync(join(RELEASES, name, 'database.sql')))
    .sort();
}

export function releaseFixture(release: string): ReleaseFixture {
  const json = JSON.parse(readFileSync(join(RELEASES, release, 'fixture.json'), 'utf8'));
  return { release, ...json } as ReleaseFixture;
}

/** A new test database holding the release's dump; its URL. */
export async function restoreReleaseDatabase(release: string): Promise<string> {
  const url = await createTestDatabase(`release_${release}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The dump is plain SQL without psql meta-commands: one simple query runs it all.
    await client.query(readFileSync(join(RELEASES, release, 'database.sql'), 'utf8'));
  } finally {
    await client.end();
  }
  return url;
}

/** Puts the files the release stored (scans, signed copies) where local storage keeps them. */
export function restoreReleaseDocuments(release: string, dataDir: string): void {
  cpSync(join(RELEASES, release, 'documents'), join(dataDir, 'documents'), { recursive: true });
}
