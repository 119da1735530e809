import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ConfigError, bool, int, present, url, type Env } from './env-readers.js';
import { REAL_SMS_SENDER_VARIABLES, smsConfig, type SmsConfig } from './sms-config.js';

export { ConfigError } from './env-readers.js';

/** Typed configuration of the service, read once from the environment (docs/api.md, Configuration). */
export interface AppConfig {
  readonly nodeEnv: string;
  readonly port: number;
  readonly publicUrl: string;
  readonly databaseUrl: string | undefined;
  readonly databasePoolSize: number;
  /** Hot statements as named prepared statements (false behind a pooler that cannot keep them). */
  readonly databaseNamedStatements: boolean;
  /** Longest statement and longest lock wait of a connection, in ms; 0 = the server's setting. */
  readonly databaseStatementTimeoutMs: number;
  readonly databaseLockTimeoutMs: number;
  readonly migrationsRun: boolean;
  readonly dataDir: string;
  readonly jwt: {
    readonly secret: string | undefined;
    readonly publicKey: string | undefined;
    readonly issuer: string | undefined;
    readonly audience: string | undefined;
    /** Longest accepted `exp` − `iat` (`exp` − now without `iat`), in seconds. */
    readonly maxTokenLifetimeSeconds: number;
  };
  readonly apiKeys: readonly string[];
  /** The registry gateway's pre-shared key: when set, `X-Custom-PSK` must hold it. */
  readonly customPsk: string | undefined;
  readonly otp: {
    readonly url: string | undefined;
    readonly timeoutMs: number;
    readonly codeLength: number;
    readonly codeTtlMinutes: number;
    readonly maxAttempts: number;
    readonly resendIntervalSeconds: number;
    readonly hashKey: string | undefined;
  };
  /** How the built-in OTP service sends its codes. */
  readonly sms: SmsConfig;
  readonly noSelfAuthAge: number;
  readonly thirdPersonTermYears: number;
  readonly documentUrlTtlSeconds: number;
  readonly personRequestTtlDays: number;
  readonly authMethodRequestTtlHours: number;
  /** Hours after which a NEW or APPROVED confidant relationship request expires. */
  readonly confidantRequestTtlHours: number;
  /** The most active confidants a person may have. */
  readonly confidantPersonsMax: number;
  /** The most persons a search answers; with more matches it answers 403 `too_many_results`. */
  readonly personSearchMaxResults: number;
  /** New OTP codes one client may cause per rolling hour, all instances together; 0 = off. */
  readonly smsPerClientPerHour: number;
  /** Where uploaded documents are kept: this instance's disk, or S3-compatible object storage. */
  readonly documentStorage: DocumentStorageConfig;
  readonly logLevel: string;
  readonly events: {
    readonly natsUrl: string | undefined;
    readonly subject: string;
    readonly stream: string;
    readonly retentionDays: number;
    readonly relayIntervalMs: number;
  };
  /** Audit rows older than this many days are deleted (docs/api.md, Audit trail). */
  readonly auditRetentionDays: number;
  /** Per client and minute, all instances together; 0 = off. */
  readonly rateLimit: {
    readonly writesPerMinute: number;
    readonly readsPerMinute: number;
    readonly signAttemptsPerMinute: number;
  };
  /** `X-Idempotency-Key` (docs/api.md, Safe retries). */
  readonly idempotency: {
    /** How long a key's answer is replayed. */
    readonly ttlHours: number;
    /** How long a request waits for the same request in flight before 409. */
    readonly waitMs: number;
  };
  readonly corsOrigins: readonly string[];
  /** Limits of the HTTP server itself (docs/api.md, Limits of the HTTP server). */
  readonly http: {
    /** Open connections at most; further ones are closed as they arrive. */
    readonly maxConnections: number;
    /** Longest wait for a request's head, and for the whole request, in ms. */
    readonly headersTimeoutMs: number;
    readonly requestTimeoutMs: number;
    /** How long an idle keep-alive connection stays open, in ms. */
    readonly keepAliveTimeoutMs: number;
    /** How long a stop waits for requests in flight before closing their connections, in ms. */
    readonly shutdownGraceMs: number;
  };
  readonly signature: {
    /** PEM file of the CAs that signer certificates must chain to (built-in CMS verifier). */
    readonly trustAnchorsPath: string | undefined;
    /** External digital-signature service; when set it verifies instead of the built-in one. */
    readonly serviceUrl: string | undefined;
    readonly timeoutMs: number;
  };
}

export type DocumentStorageConfig =
  { readonly backend: 'local' } | { readonly backend: 's3'; readonly s3: S3StorageConfig };

export interface S3StorageConfig {
  /** Base URL of an S3-compatible server; unset = AWS S3 of the region. */
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly bucket: string;
  /** Both set, or both unset (the AWS SDK's default credential chain). */
  readonly accessKeyId: string | undefined;
  readonly secretAccessKey: string | undefined;
  readonly forcePathStyle: boolean;
}

function list(env: Env, name: string): string[] {
  const raw = present(env, name);
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A value a client sends as an HTTP header: printable ASCII, no spaces. */
function headerValue(env: Env, name: string): string | undefined {
  const raw = present(env, name);
  if (raw !== undefined && !/^[\x21-\x7e]+$/.test(raw)) {
    throw new ConfigError(name, 'must be printable ASCII without spaces');
  }
  return raw;
}

function pem(env: Env, name: string): string | undefined {
  const raw = present(env, name);
  if (raw === undefined) return undefined;
  // Containers often pass PEM keys on one line with literal \n.
  const key = raw.replace(/\\n/g, '\n');
  if (!/-----BEGIN [A-Z ]*PUBLIC KEY-----/.test(key)) {
    throw new ConfigError(name, 'must be a PEM public key');
  }
  return key;
}

/** A readable file holding at least one PEM certificate; its absolute path. */
function certificatesFile(env: Env, name: string): string | undefined {
  const raw = present(env, name);
  if (raw === undefined) return undefined;
  const path = isAbsolute(raw) ? raw : resolve(process.cwd(), raw);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(name, `must be a readable file, got "${raw}"`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(name, `must hold at least one PEM certificate: "${raw}" holds none`);
  }
  return path;
}

/** Reads and validates the environment. Throws ConfigError on the first invalid variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = present(env, 'NODE_ENV') ?? 'development';
  const port = int(env, 'PORT', 3000, 0, 65535);
  const secret = present(env, 'JWT_SECRET');
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters long');
  }
  const publicKey = pem(env, 'JWT_PUBLIC_KEY');
  const otpUrl = url(env, 'OTP_VERIFICATION_URL', ['http:', 'https:']);
  const logLevel = present(env, 'LOG_LEVEL') ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(
      'LOG_LEVEL',
      'must be one of fatal, error, warn, info, debug, trace, silent',
    );
  }
  const config: AppConfig = {
    nodeEnv,
    port,
    publicUrl: url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    databaseStatementTimeoutMs: int(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 10_000, 0, 3_600_000),
    databaseLockTimeoutMs: int(env, 'DATABASE_LOCK_TIMEOUT_MS', 5_000, 0, 3_600_000),
    databaseNamedStatements: bool(env, 'DATABASE_NAMED_STATEMENTS', true),
    migrationsRun: bool(env, 'MIGRATIONS_RUN', true),
    dataDir: resolveDir(present(env, 'DATA_DIR') ?? './data'),
    jwt: {
      secret,
      publicKey,
      issuer: present(env, 'JWT_ISSUER'),
      audience: present(env, 'JWT_AUDIENCE'),
      maxTokenLifetimeSeconds: int(env, 'JWT_MAX_TOKEN_LIFETIME_SECONDS', 86_400, 60, 31_536_000),
    },
    apiKeys: list(env, 'API_KEYS'),
    customPsk: headerValue(env, 'CUSTOM_PSK'),
    otp: {
      url: otpUrl,
      timeoutMs: int(env, 'OTP_TIMEOUT_MS', 5000, 1, 120_000),
      codeLength: int(env, 'OTP_CODE_LENGTH', 4, 4, 8),
      codeTtlMinutes: int(env, 'OTP_CODE_TTL_MINUTES', 15, 1, 1440),
      maxAttempts: int(env, 'OTP_MAX_ATTEMPTS', 3, 1, 20),
      resendIntervalSeconds: int(env, 'OTP_RESEND_INTERVAL_SECONDS', 60, 0, 86_400),
      hashKey: present(env, 'OTP_HASH_KEY'),
    },
    sms: smsConfig(env),
    noSelfAuthAge: int(env, 'NO_SELF_AUTH_AGE', 14, 1, 18),
    thirdPersonTermYears: int(env, 'THIRD_PERSON_TERM_YEARS', 2, 1, 100),
    documentUrlTtlSeconds: int(env, 'DOCUMENT_URL_TTL_SECONDS', 600, 1, 604_800),
    personRequestTtlDays: int(env, 'PERSON_REQUEST_TTL_DAYS', 30, 1, 3650),
    authMethodRequestTtlHours: int(env, 'AUTH_METHOD_REQUEST_TTL_HOURS', 24, 1, 8760),
    confidantRequestTtlHours: int(env, 'CONFIDANT_REQUEST_TTL_HOURS', 24, 1, 8760),
    confidantPersonsMax: int(env, 'CONFIDANT_PERSONS_MAX', 2, 1, 100),
    personSearchMaxResults: int(env, 'PERSON_SEARCH_MAX_RESULTS', 5, 1, 100),
    smsPerClientPerHour: int(env, 'SMS_PER_CLIENT_PER_HOUR', 100, 0, 1_000_000),
    documentStorage: documentStorage(env),
    logLevel,
    events: {
      natsUrl: url(env, 'EVENTS_NATS_URL', ['nats:', 'tls:']),
      subject: present(env, 'EVENTS_SUBJECT') ?? 'event_manager.events',
      stream: present(env, 'EVENTS_STREAM') ?? 'EVENT_MANAGER',
      retentionDays: int(env, 'EVENTS_RETENTION_DAYS', 30, 1, 3650),
      relayIntervalMs: int(env, 'EVENTS_RELAY_INTERVAL_MS', 500, 10, 60_000),
    },
    auditRetentionDays: int(env, 'AUDIT_RETENTION_DAYS', 365, 1, 36_500),
    rateLimit: {
      writesPerMinute: int(env, 'RATE_LIMIT_WRITES_PER_MINUTE', 0, 0, 1_000_000),
      readsPerMinute: int(env, 'READS_PER_CLIENT_PER_MINUTE', 3000, 0, 1_000_000),
      signAttemptsPerMinute: int(env, 'SIGN_ATTEMPTS_PER_CLIENT_PER_MINUTE', 60, 0, 1_000_000),
    },
    idempotency: {
      ttlHours: int(env, 'IDEMPOTENCY_TTL_HOURS', 24, 1, 720),
      waitMs: int(env, 'IDEMPOTENCY_WAIT_MS', 10_000, 0, 120_000),
    },
    corsOrigins: list(env, 'CORS_ORIGINS'),
    http: httpLimits(env),
    signature: {
      trustAnchorsPath: certificatesFile(env, 'SIGNATURE_TRUST_ANCHORS'),
      serviceUrl: url(env, 'DIGITAL_SIGNATURE_URL', ['http:', 'https:']),
      timeoutMs: int(env, 'DIGITAL_SIGNATURE_TIMEOUT_MS', 5000, 1, 120_000),
    },
  };
  if (nodeEnv === 'production') {
    if (config.otp.url === undefined && config.sms.sender.kind === 'log') {
      throw new ConfigError(
        'OTP_VERIFICATION_URL',
        `or a real SMS sender (${REAL_SMS_SENDER_VARIABLES}) is required when NODE_ENV=production (the log SMS sender is for development)`,
      );
    }
    if (secret === undefined && publicKey === undefined) {
      throw new ConfigError('JWT_SECRET', 'or JWT_PUBLIC_KEY is required when NODE_ENV=production');
    }
    if (
      config.signature.trustAnchorsPath === undefined &&
      config.signature.serviceUrl === undefined
    ) {
      throw new ConfigError(
        'SIGNATURE_TRUST_ANCHORS',
        'or DIGITAL_SIGNATURE_URL is required when NODE_ENV=production (the development CA is for development)',
      );
    }
  }
  return config;
}

/**
 * The HTTP server's limits. A request of 10 MiB (the largest upload) must fit in the request
 * time on a slow link: 180 s is about 0.5 Mbit/s. The keep-alive time is above the 60 s idle
 * time of common proxies and load balancers, so that a proxy never reuses a connection the
 * service is closing.
 */
function httpLimits(env: Env): AppConfig['http'] {
  const limits = {
    maxConnections: int(env, 'HTTP_MAX_CONNECTIONS', 1000, 1, 1_000_000),
    headersTimeoutMs: int(env, 'HTTP_HEADERS_TIMEOUT_MS', 20_000, 1000, 600_000),
    requestTimeoutMs: int(env, 'HTTP_REQUEST_TIMEOUT_MS', 180_000, 1000, 3_600_000),
    keepAliveTimeoutMs: int(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 65_000, 1000, 600_000),
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
  };
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new ConfigError(
      'HTTP_HEADERS_TIMEOUT_MS',
      `must not exceed HTTP_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs}), got ${limits.headersTimeoutMs}`,
    );
  }
  return limits;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * DOCUMENT_STORAGE and the S3_* variables. The S3 ones are checked whenever present, so a typo
 * is found before the backend is switched to s3; S3_BUCKET is required only then.
 */
function documentStorage(env: Env): DocumentStorageConfig {
  const backend = (present(env, 'DOCUMENT_STORAGE') ?? 'local').toLowerCase();
  if (backend !== 'local' && backend !== 's3') {
    throw new ConfigError('DOCUMENT_STORAGE', `must be local or s3, got "${backend}"`);
  }
  const endpoint = url(env, 'S3_ENDPOINT', ['http:', 'https:']);
  const region = present(env, 'S3_REGION') ?? 'us-east-1';
  if (!REGION.test(region)) throw new ConfigError('S3_REGION', `is not a region name: "${region}"`);
  const bucket = present(env, 'S3_BUCKET');
  if (bucket !== undefined && (!BUCKET.test(bucket) || bucket.includes('..'))) {
    throw new ConfigError('S3_BUCKET', `is not a bucket name: "${bucket}"`);
  }
  const accessKeyId = present(env, 'S3_ACCESS_KEY_ID');
  const secretAccessKey = present(env, 'S3_SECRET_ACCESS_KEY');
  if (accessKeyId !== undefined && secretAccessKey === undefined) {
    throw new ConfigError('S3_SECRET_ACCESS_KEY', 'is required when S3_ACCESS_KEY_ID is set');
  }
  if (secretAccessKey !== undefined && accessKeyId === undefined) {
    throw new ConfigError('S3_ACCESS_KEY_ID', 'is required when S3_SECRET_ACCESS_KEY is set');
  }
  const forcePathStyle = bool(env, 'S3_FORCE_PATH_STYLE', endpoint !== undefined);
  if (backend === 'local') return { backend };
  if (bucket === undefined)
    throw new ConfigError('S3_BUCKET', 'is required when DOCUMENT_STORAGE=s3');
  return {
    backend,
    s3: { endpoint, region, bucket, accessKeyId, secretAccessKey, forcePathStyle },
  };
}

function resolveDir(dir: string): string {
  return isAbsolute(dir) ? dir : resolve(process.cwd(), dir);
}
