import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../../src/platform/config/app-config.js';
import {
  environmentOf,
  interpolate,
  MissingVariable,
  parseImage,
  readComposeFile,
  references,
  requiredGroups,
  stringsOf,
  type ComposeService,
} from '../../support/compose-file.js';

/**
 * docker/compose.yaml runs as written: Docker does not run here, so this reads the file as
 * Compose would (YAML, then interpolation of `${...}`) and checks what Compose and the service
 * would do with it.
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const compose = readComposeFile(join(ROOT, 'docker/compose.yaml'));
const services = compose.services;
const groups = requiredGroups(compose.text);

/**
 * Registries anyone can pull from without credentials; no host means Docker Hub. A private
 * registry (or an image named by a variable) would stop `docker compose up` elsewhere.
 */
const PUBLIC_REGISTRIES = [undefined, 'docker.io', 'quay.io', 'ghcr.io', 'public.ecr.aws'];

/** Why a reference is not a public image with a tag, or undefined when it is one. */
function notPublic(reference: string): string | undefined {
  if (reference.includes('$')) return 'named by a variable';
  const image = parseImage(reference);
  if (!PUBLIC_REGISTRIES.includes(image.registry)) return `on registry ${image.registry}`;
  if (image.tag === undefined || image.tag === '') return 'without a tag';
  if (image.tag === 'latest') return 'tagged latest, which moves';
  return undefined;
}

const scratch = mkdtempSync(join(tmpdir(), 'compose-'));
const ANCHORS = join(scratch, 'anchors.pem');
writeFileSync(ANCHORS, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');

/** A value the service accepts for each variable the file may name as required. */
const DUMMIES: Record<string, string> = {
  JWT_SECRET: 'x'.repeat(32),
  SMS_GATEWAY_URL: 'https://sms.example.com/send',
  SMS_GATEWAY_TOKEN: 'gateway-token',
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'auth-token',
  TWILIO_FROM: 'eHealth',
  DIGITAL_SIGNATURE_URL: 'https://ds.example.com/api',
  SIGNATURE_TRUST_ANCHORS: ANCHORS,
};

/** Every way to fill the required lines: one choice of each. */
function combinations(lines: string[][][]): string[][] {
  return lines.reduce<string[][]>(
    (sofar, choices) => sofar.flatMap((taken) => choices.map((choice) => [...taken, ...choice])),
    [[]],
  );
}

function dummiesFor(names: string[]): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => {
      const value = DUMMIES[name];
      if (value === undefined) throw new Error(`No dummy value for ${name}: add one to DUMMIES`);
      return [name, value];
    }),
  );
}

/** What starting the service would do with these shell variables: its config, or the error. */
function startService(variables: Record<string, string>) {
  return loadConfig(environmentOf(services.service, variables));
}

function dependencies(service: ComposeService): Record<string, string | undefined> {
  const depends = service.depends_on ?? {};
  return Array.isArray(depends)
    ? Object.fromEntries(depends.map((name) => [name, undefined]))
    : Object.fromEntries(Object.entries(depends).map(([name, d]) => [name, d.condition]));
}

describe('docker/compose.yaml', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it.each<[string, string | undefined]>([
    ['postgres:18', undefined],
    ['minio/minio:RELEASE.2025-09-07T16-13-09Z', undefined],
    ['quay.io/minio/mc:RELEASE.2025-08-13T08-35-41Z', undefined],
    ['docker.io/library/nats:2@sha256:0123', undefined],
    ['postgres', 'without a tag'],
    ['nats:latest', 'tagged latest, which moves'],
    [
      'registry.internal.example:5000/ehealth/otp:1.0',
      'on registry registry.internal.example:5000',
    ],
    ['localhost/otp:1', 'on registry localhost'],
    ['${OTP_IMAGE:?set OTP_IMAGE}', 'named by a variable'],
  ])('judges the image reference %s: %s', (reference, verdict) => {
    expect(notPublic(reference)).toBe(verdict);
  });

  it('uses public images only, each with a tag', () => {
    const images = Object.values(services).flatMap((s) => (s.image ? [s.image] : []));
    expect(images.length).toBeGreaterThanOrEqual(4);
    expect(Object.fromEntries(images.map((image) => [image, notPublic(image)]))).toEqual(
      Object.fromEntries(images.map((image) => [image, undefined])),
    );
  });

  it('builds the service from the repository’s Dockerfile, on public base images with a tag', () => {
    expect(services.service.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    const dockerfile = readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8');
    const bases = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect([base, notPublic(base)]).toEqual([base, undefined]);
  });

  it('runs every other service it needs: PostgreSQL, NATS with JetStream, an S3 store', () => {
    expect(parseImage(services.postgres.image!).repository).toBe('postgres');
    expect(parseImage(services.nats.image!).repository).toBe('nats');
    expect(services.nats.command).toContain('-js');
    expect(services.service.environment).toMatchObject({
      NODE_ENV: 'production',
      DATABASE_URL: expect.stringContaining('@postgres:5432/'),
      EVENTS_NATS_URL: 'nats://nats:4222',
      DOCUMENT_STORAGE: 's3',
      S3_ENDPOINT: 'http://minio:9000',
    });
    expect(Object.keys(services).some((name) => /otp/i.test(name))).toBe(false);
    expect(compose.text).not.toContain('OTP_IMAGE');
  });

  it('names its required variables at the top, with a dummy value here for each', () => {
    expect(groups.length).toBeGreaterThan(0);
    const named = groups.flat(2);
    expect(named).toContain('JWT_SECRET');
    dummiesFor(named);
  });

  it('requires (`${VAR:?}`) only variables named at its top', () => {
    const named = new Set(groups.flat(2));
    const required = stringsOf(services)
      .flatMap(references)
      .filter((r) => r.required)
      .map((r) => r.name);
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((name) => !named.has(name))).toEqual([]);
  });

  describe.each(combinations(groups).map((names) => [names.join(' '), names] as const))(
    'with %s set',
    (_label, names) => {
      const variables = dummiesFor(names);

      it('starts the service: its production configuration loads, the built-in OTP service sending SMS', () => {
        const config = startService(variables);
        expect(config.nodeEnv).toBe('production');
        expect(config.otp.url).toBeUndefined();
        expect(['twilio', 'gateway']).toContain(config.sms.sender.kind);
        expect(config.documentStorage).toMatchObject({
          backend: 's3',
          s3: { endpoint: 'http://minio:9000', bucket: 'ehealth-documents' },
        });
      });

      it.each(names)('stops without %s, naming it', (missing) => {
        const { [missing]: _left, ...rest } = variables;
        let error: unknown;
        try {
          startService(rest);
        } catch (e) {
          error = e;
        }
        // Compose itself stops on a `${VAR:?}`; the service stops on what its loader refuses.
        expect([MissingVariable, ConfigError].some((kind) => error instanceof kind)).toBe(true);
        expect((error as Error).message).toContain(missing);
      });
    },
  );

  it('makes the service’s bucket with the service’s keys before the service starts', () => {
    const variables = dummiesFor(combinations(groups)[0]);
    const service = environmentOf(services.service, variables);
    const init = services['storage-init'];
    const initEnv = environmentOf(init, variables);
    const store = environmentOf(services.minio, variables);
    const script = [init.entrypoint, init.command].flat().join(' ');

    expect(dependencies(services.service)['storage-init']).toBe('service_completed_successfully');
    expect(dependencies(init).minio).toBe('service_healthy');
    expect(services.minio.healthcheck?.test).toBeDefined();
    expect(notPublic(init.image!)).toBeUndefined();
    expect(parseImage(init.image!).repository).toBe('minio/mc');
    expect(interpolate(script, {})).toContain(`mb --ignore-existing store/${service.S3_BUCKET}`);
    expect(interpolate(script, {})).toContain(`alias set store ${service.S3_ENDPOINT} `);
    expect(initEnv).toEqual({
      S3_ACCESS_KEY_ID: service.S3_ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: service.S3_SECRET_ACCESS_KEY,
    });
    expect(store).toMatchObject({
      MINIO_ROOT_USER: service.S3_ACCESS_KEY_ID,
      MINIO_ROOT_PASSWORD: service.S3_SECRET_ACCESS_KEY,
    });
  });

  it('is described as it is by the README’s container section', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('In a container:');
    const section = readme.slice(start, readme.indexOf('\n## ', start));
    expect(start).toBeGreaterThan(0);
    for (const name of groups.flat(2)) expect(section).toContain(name);
    expect(section).toContain('docker/compose.yaml');
    expect(section).not.toContain('OTP_IMAGE');
  });

  it('reads interpolation as Compose does', () => {
    const variables = { SET: 'value', EMPTY: '' };
    expect(interpolate('${SET:-d} ${EMPTY:-d} ${UNSET:-d} ${EMPTY-d} $$SET $SET', variables)).toBe(
      'value d d  $SET value',
    );
    expect(() => interpolate('${EMPTY:?needed}', variables)).toThrow(MissingVariable);
    expect(interpolate('${EMPTY?needed}', variables)).toBe('');
    expect(() => interpolate('${SET:-${NESTED}}', variables)).toThrow(/does not know/);
  });
});
