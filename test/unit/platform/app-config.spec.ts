import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../../src/platform/config/app-config.js';

const scratch = mkdtempSync(join(tmpdir(), 'app-config-'));
const CERTIFICATE =
  '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUJ2\n-----END CERTIFICATE-----\n';
function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}
const ANCHORS = file('anchors.pem', CERTIFICATE);

describe('configuration', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      otp: {
        url: undefined,
        timeoutMs: 5000,
        codeLength: 4,
        codeTtlMinutes: 15,
        maxAttempts: 3,
        resendIntervalSeconds: 60,
      },
      noSelfAuthAge: 14,
      thirdPersonTermYears: 2,
      documentUrlTtlSeconds: 600,
      personRequestTtlDays: 30,
      authMethodRequestTtlHours: 24,
      personSearchMaxResults: 5,
      smsPerClientPerHour: 100,
      auditRetentionDays: 365,
      documentStorage: { backend: 'local' },
      apiKeys: [],
      customPsk: undefined,
      events: { subject: 'event_manager.events' },
      signature: { trustAnchorsPath: undefined, serviceUrl: undefined, timeoutMs: 5000 },
      jwt: { maxTokenLifetimeSeconds: 86_400 },
      rateLimit: { writesPerMinute: 0, readsPerMinute: 3000, signAttemptsPerMinute: 60 },
      idempotency: { ttlHours: 24, waitMs: 10_000 },
      sms: { sender: { kind: 'log' }, timeoutMs: 5000, template: undefined },
      http: {
        maxConnections: 1000,
        headersTimeoutMs: 20_000,
        requestTimeoutMs: 180_000,
        keepAliveTimeoutMs: 65_000,
        shutdownGraceMs: 10_000,
      },
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it.each<[string, Record<string, string>, string]>([
    ['the default port', {}, 'http://localhost:3000'],
    ['PORT', { PORT: '8080' }, 'http://localhost:8080'],
    ['PORT left blank', { PORT: ' ' }, 'http://localhost:3000'],
    [
      'PUBLIC_URL, whatever PORT says, without its trailing slash',
      { PORT: '8080', PUBLIC_URL: 'https://ehealth.example.com/registry/' },
      'https://ehealth.example.com/registry',
    ],
  ])('builds PUBLIC_URL from %s', (_name, env, publicUrl) => {
    expect(loadConfig(env).publicUrl).toBe(publicUrl);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['OTP_VERIFICATION_URL', 'not a url'],
    ['OTP_TIMEOUT_MS', '0'],
    ['OTP_CODE_LENGTH', '3'],
    ['NO_SELF_AUTH_AGE', '-1'],
    ['THIRD_PERSON_TERM_YEARS', '1.5'],
    ['JWT_SECRET', 'short'],
    ['JWT_PUBLIC_KEY', 'not a pem'],
    ['MIGRATIONS_RUN', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['SMS_PER_CLIENT_PER_HOUR', '-1'],
    ['AUTH_METHOD_REQUEST_TTL_HOURS', '0'],
    ['SIGNATURE_TRUST_ANCHORS', join(scratch, 'missing.pem')],
    ['SIGNATURE_TRUST_ANCHORS', scratch],
    ['SIGNATURE_TRUST_ANCHORS', file('key.pem', '-----BEGIN PUBLIC KEY-----\nAA==\n')],
    ['DIGITAL_SIGNATURE_URL', 'ftp://ds.example.com'],
    ['DIGITAL_SIGNATURE_URL', 'not a url'],
    ['DIGITAL_SIGNATURE_TIMEOUT_MS', '0'],
    ['DIGITAL_SIGNATURE_TIMEOUT_MS', 'soon'],
    ['AUTH_METHOD_REQUEST_TTL_HOURS', '8761'],
    ['PERSON_SEARCH_MAX_RESULTS', '0'],
    ['PERSON_SEARCH_MAX_RESULTS', '101'],
    ['PERSON_SEARCH_MAX_RESULTS', 'five'],
    ['DOCUMENT_STORAGE', 'ftp'],
    ['S3_ENDPOINT', 'ftp://storage.example.com'],
    ['S3_ENDPOINT', 'not a url'],
    ['S3_REGION', 'us east 1'],
    ['S3_BUCKET', 'Upper_Case'],
    ['S3_BUCKET', 'ab'],
    ['S3_BUCKET', 'a..b'],
    ['S3_FORCE_PATH_STYLE', 'sometimes'],
    ['JWT_MAX_TOKEN_LIFETIME_SECONDS', '59'],
    ['JWT_MAX_TOKEN_LIFETIME_SECONDS', '31536001'],
    ['JWT_MAX_TOKEN_LIFETIME_SECONDS', '1e5'],
    ['JWT_MAX_TOKEN_LIFETIME_SECONDS', '3600.5'],
    ['IDEMPOTENCY_TTL_HOURS', '0'],
    ['IDEMPOTENCY_TTL_HOURS', '721'],
    ['IDEMPOTENCY_TTL_HOURS', 'a day'],
    ['IDEMPOTENCY_WAIT_MS', '-1'],
    ['IDEMPOTENCY_WAIT_MS', '120001'],
    ['READS_PER_CLIENT_PER_MINUTE', '-1'],
    ['READS_PER_CLIENT_PER_MINUTE', '1000001'],
    ['READS_PER_CLIENT_PER_MINUTE', 'many'],
    ['SIGN_ATTEMPTS_PER_CLIENT_PER_MINUTE', '-1'],
    ['SIGN_ATTEMPTS_PER_CLIENT_PER_MINUTE', '1.5'],
    ['CUSTOM_PSK', 'two words'],
    ['CUSTOM_PSK', 'ключ'],
    ['CUSTOM_PSK', 'tab\there'],
    ['SMS_SENDER', 'email'],
    ['SMS_TIMEOUT_MS', '0'],
    ['SMS_TIMEOUT_MS', '60001'],
    ['OTP_SMS_TEMPLATE', 'Ваш код підтвердження'],
    ['OTP_SMS_TEMPLATE', 'Ваш код: {CODE}'],
    ['TWILIO_ACCOUNT_SID', 'AC123'],
    ['TWILIO_ACCOUNT_SID', `MG${'0'.repeat(32)}`],
    ['TWILIO_MESSAGING_SERVICE_SID', `AC${'0'.repeat(32)}`],
    ['TWILIO_FROM', '+380 97 123 45 67'],
    ['TWILIO_FROM', 'a sender id too long'],
    ['TWILIO_API_URL', 'ftp://api.twilio.com'],
    ['SMS_GATEWAY_URL', 'not a url'],
    ['SMS_GATEWAY_URL', 'ftp://sms.example.com'],
    ['SMS_GATEWAY_TOKEN', 'two words'],
    ['HTTP_MAX_CONNECTIONS', '0'],
    ['HTTP_MAX_CONNECTIONS', 'many'],
    ['HTTP_HEADERS_TIMEOUT_MS', '999'],
    ['HTTP_HEADERS_TIMEOUT_MS', '600001'],
    ['HTTP_REQUEST_TIMEOUT_MS', '999'],
    ['HTTP_REQUEST_TIMEOUT_MS', '3600001'],
    ['HTTP_KEEP_ALIVE_TIMEOUT_MS', '0'],
    ['HTTP_KEEP_ALIVE_TIMEOUT_MS', '1.5'],
    ['SHUTDOWN_GRACE_MS', '-1'],
    ['SHUTDOWN_GRACE_MS', '600001'],
    ['AUDIT_RETENTION_DAYS', '0'],
    ['AUDIT_RETENTION_DAYS', 'forever'],
    ['AUDIT_RETENTION_DAYS', '36501'],
  ])('stops at an invalid %s and names it', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(
      new RegExp(`^Invalid configuration: ${variable} `),
    );
  });

  it.each([
    ['1', 1],
    ['30', 30],
    ['3650', 3650],
  ])('reads AUDIT_RETENTION_DAYS=%s', (value, days) => {
    expect(loadConfig({ AUDIT_RETENTION_DAYS: value }).auditRetentionDays).toBe(days);
  });

  it.each([
    ['1', 1],
    ['20', 20],
    ['100', 100],
  ])('reads PERSON_SEARCH_MAX_RESULTS=%s', (value, max) => {
    expect(loadConfig({ PERSON_SEARCH_MAX_RESULTS: value }).personSearchMaxResults).toBe(max);
  });

  it.each([
    ['60', 60],
    ['3600', 3600],
    ['31536000', 31_536_000],
  ])('reads JWT_MAX_TOKEN_LIFETIME_SECONDS=%s', (value, seconds) => {
    expect(loadConfig({ JWT_MAX_TOKEN_LIFETIME_SECONDS: value }).jwt.maxTokenLifetimeSeconds).toBe(
      seconds,
    );
  });

  it.each<[string, Record<string, string>, Record<string, number>]>([
    ['nothing', {}, { readsPerMinute: 3000, signAttemptsPerMinute: 60 }],
    [
      '0 (off)',
      { READS_PER_CLIENT_PER_MINUTE: '0', SIGN_ATTEMPTS_PER_CLIENT_PER_MINUTE: '0' },
      { readsPerMinute: 0, signAttemptsPerMinute: 0 },
    ],
    [
      'other limits',
      { READS_PER_CLIENT_PER_MINUTE: '1000000', SIGN_ATTEMPTS_PER_CLIENT_PER_MINUTE: '1' },
      { readsPerMinute: 1_000_000, signAttemptsPerMinute: 1 },
    ],
  ])('reads the read and sign limits from %s', (_name, env, limits) => {
    expect(loadConfig(env).rateLimit).toEqual({ writesPerMinute: 0, ...limits });
  });

  it.each<[Record<string, string>, { ttlHours: number; waitMs: number }]>([
    [
      { IDEMPOTENCY_TTL_HOURS: '1', IDEMPOTENCY_WAIT_MS: '0' },
      { ttlHours: 1, waitMs: 0 },
    ],
    [
      { IDEMPOTENCY_TTL_HOURS: '720', IDEMPOTENCY_WAIT_MS: '120000' },
      { ttlHours: 720, waitMs: 120_000 },
    ],
  ])('reads the idempotency keys from %j', (env, idempotency) => {
    expect(loadConfig(env).idempotency).toEqual(idempotency);
  });

  it.each<[string, string | undefined]>([
    ['', undefined],
    ['  ', undefined],
    [' gateway-psk-01 ', 'gateway-psk-01'],
    ['!"#$%&()*+,-./~', '!"#$%&()*+,-./~'],
  ])('reads CUSTOM_PSK=%j', (value, psk) => {
    expect(loadConfig({ CUSTOM_PSK: value }).customPsk).toBe(psk);
  });

  it.each<[Record<string, string>, Record<string, number>]>([
    [{ HTTP_MAX_CONNECTIONS: '1' }, { maxConnections: 1 }],
    [{ HTTP_MAX_CONNECTIONS: '1000000' }, { maxConnections: 1_000_000 }],
    [
      { HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '1000' },
      { headersTimeoutMs: 1000, requestTimeoutMs: 1000 },
    ],
    [{ HTTP_REQUEST_TIMEOUT_MS: '3600000' }, { requestTimeoutMs: 3_600_000 }],
    [{ HTTP_KEEP_ALIVE_TIMEOUT_MS: '5000' }, { keepAliveTimeoutMs: 5000 }],
    [{ SHUTDOWN_GRACE_MS: '0' }, { shutdownGraceMs: 0 }],
    [{ SHUTDOWN_GRACE_MS: '600000' }, { shutdownGraceMs: 600_000 }],
  ])('reads the HTTP server limits %j', (env, limits) => {
    expect(loadConfig(env).http).toMatchObject(limits);
  });

  it('refuses a head time limit longer than the request time limit, naming both', () => {
    expect(() =>
      loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '30000', HTTP_REQUEST_TIMEOUT_MS: '20000' }),
    ).toThrow(
      'Invalid configuration: HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS (20000), got 30000',
    );
  });

  it('reads lists and keeps an empty value as unset', () => {
    const config = loadConfig({ API_KEYS: ' one, two ,,', OTP_VERIFICATION_URL: '', PORT: ' ' });
    expect(config.apiKeys).toEqual(['one', 'two']);
    expect(config.otp.url).toBeUndefined();
    expect(config.port).toBe(3000);
  });

  it('accepts a PEM public key with literal \\n', () => {
    const pem =
      '-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\\n-----END PUBLIC KEY-----';
    expect(loadConfig({ JWT_PUBLIC_KEY: pem }).jwt.publicKey).toContain('\n');
  });

  it('reads the signature settings, with the trust anchors as an absolute path', () => {
    const config = loadConfig({
      SIGNATURE_TRUST_ANCHORS: ANCHORS,
      DIGITAL_SIGNATURE_URL: 'https://ds.example.com/api/',
      DIGITAL_SIGNATURE_TIMEOUT_MS: '1500',
    });
    expect(config.signature).toEqual({
      trustAnchorsPath: ANCHORS,
      serviceUrl: 'https://ds.example.com/api',
      timeoutMs: 1500,
    });
  });

  describe('document storage', () => {
    const s3 = {
      DOCUMENT_STORAGE: 's3',
      S3_BUCKET: 'ehealth-documents',
    };

    it('reads an S3-compatible server with its own keys, path-style by default', () => {
      expect(
        loadConfig({
          ...s3,
          S3_ENDPOINT: 'http://127.0.0.1:9000/',
          S3_ACCESS_KEY_ID: 'id',
          S3_SECRET_ACCESS_KEY: 'secret',
        }).documentStorage,
      ).toEqual({
        backend: 's3',
        s3: {
          endpoint: 'http://127.0.0.1:9000',
          region: 'us-east-1',
          bucket: 'ehealth-documents',
          accessKeyId: 'id',
          secretAccessKey: 'secret',
          forcePathStyle: true,
        },
      });
    });

    it('reads AWS S3 of a region with the default credential chain, virtual-hosted by default', () => {
      expect(loadConfig({ ...s3, S3_REGION: 'eu-central-1' }).documentStorage).toEqual({
        backend: 's3',
        s3: {
          endpoint: undefined,
          region: 'eu-central-1',
          bucket: 'ehealth-documents',
          accessKeyId: undefined,
          secretAccessKey: undefined,
          forcePathStyle: false,
        },
      });
    });

    it.each([
      [
        'S3_FORCE_PATH_STYLE',
        { S3_ENDPOINT: 'http://s3.local', S3_FORCE_PATH_STYLE: 'false' },
        false,
      ],
      ['S3_FORCE_PATH_STYLE', { S3_FORCE_PATH_STYLE: 'true' }, true],
    ])('lets %s override its default', (_name, env, expected) => {
      const config = loadConfig({ ...s3, ...env }).documentStorage;
      expect(config.backend === 's3' && config.s3.forcePathStyle).toBe(expected);
    });

    it('takes the backend name in any letter case', () => {
      expect(loadConfig({ ...s3, DOCUMENT_STORAGE: 'S3' }).documentStorage.backend).toBe('s3');
    });

    it.each<[string, Record<string, string>]>([
      ['S3_BUCKET', { DOCUMENT_STORAGE: 's3' }],
      ['S3_SECRET_ACCESS_KEY', { ...s3, S3_ACCESS_KEY_ID: 'id' }],
      ['S3_ACCESS_KEY_ID', { ...s3, S3_SECRET_ACCESS_KEY: 'secret' }],
    ])('stops when %s is missing where it is required', (variable, env) => {
      expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
    });

    it('never puts the secret access key in an error', () => {
      expect(() => loadConfig({ S3_SECRET_ACCESS_KEY: 'very-secret-value' })).toThrow(
        /^Invalid configuration: S3_ACCESS_KEY_ID is required/,
      );
      expect(() => loadConfig({ S3_SECRET_ACCESS_KEY: 'very-secret-value' })).not.toThrow(
        /very-secret-value/,
      );
    });
  });

  describe('SMS sender', () => {
    const SID = `AC${'0123456789abcdef'.repeat(2)}`;
    const SERVICE_SID = `MG${'fedcba9876543210'.repeat(2)}`;
    const twilio = {
      TWILIO_ACCOUNT_SID: SID,
      TWILIO_AUTH_TOKEN: 'auth-token',
      TWILIO_FROM: 'eHealth',
    };
    const gateway = {
      SMS_GATEWAY_URL: 'https://sms.example.com/api/send',
      SMS_GATEWAY_TOKEN: 'gateway-token',
    };

    it('reads Twilio, with Twilio’s API by default', () => {
      expect(loadConfig(twilio).sms.sender).toEqual({
        kind: 'twilio',
        apiUrl: 'https://api.twilio.com',
        accountSid: SID,
        authToken: 'auth-token',
        from: 'eHealth',
        messagingServiceSid: undefined,
      });
    });

    it('reads a Twilio messaging service instead of a sender, and another API URL', () => {
      const config = loadConfig({
        ...twilio,
        TWILIO_FROM: undefined,
        TWILIO_MESSAGING_SERVICE_SID: SERVICE_SID,
        TWILIO_API_URL: 'http://127.0.0.1:8080/',
      });
      expect(config.sms.sender).toMatchObject({
        kind: 'twilio',
        apiUrl: 'http://127.0.0.1:8080',
        from: undefined,
        messagingServiceSid: SERVICE_SID,
      });
    });

    it.each(['+380971234567', '+15005550006', '12345', 'eHealth', 'Clinic 24'])(
      'accepts the Twilio sender %s',
      (from) => {
        expect(loadConfig({ ...twilio, TWILIO_FROM: from }).sms.sender).toMatchObject({ from });
      },
    );

    it('reads a generic HTTP gateway', () => {
      expect(loadConfig(gateway).sms.sender).toEqual({
        kind: 'gateway',
        url: 'https://sms.example.com/api/send',
        token: 'gateway-token',
      });
    });

    it.each<[string, Record<string, string>, string]>([
      ['nothing set', {}, 'log'],
      ['the Twilio variables', twilio, 'twilio'],
      ['the gateway variables', gateway, 'gateway'],
      ['SMS_SENDER=log, whatever else is set', { ...gateway, SMS_SENDER: 'log' }, 'log'],
      [
        'SMS_SENDER=Twilio beside the gateway',
        { ...twilio, ...gateway, SMS_SENDER: 'Twilio' },
        'twilio',
      ],
      [
        'SMS_SENDER=gateway beside Twilio',
        { ...twilio, ...gateway, SMS_SENDER: 'gateway' },
        'gateway',
      ],
    ])('picks the sender from %s', (_name, env, kind) => {
      expect(loadConfig(env).sms.sender.kind).toBe(kind);
    });

    it.each<[string, Record<string, string | undefined>]>([
      ['SMS_SENDER', { ...twilio, ...gateway }],
      ['TWILIO_AUTH_TOKEN', { ...twilio, TWILIO_AUTH_TOKEN: undefined }],
      ['TWILIO_FROM', { ...twilio, TWILIO_FROM: undefined }],
      ['TWILIO_ACCOUNT_SID', { ...twilio, TWILIO_ACCOUNT_SID: undefined, SMS_SENDER: 'twilio' }],
      ['TWILIO_ACCOUNT_SID', { SMS_SENDER: 'twilio' }],
      ['SMS_GATEWAY_TOKEN', { ...gateway, SMS_GATEWAY_TOKEN: undefined }],
      ['SMS_GATEWAY_URL', { ...gateway, SMS_GATEWAY_URL: undefined, SMS_SENDER: 'gateway' }],
    ])('stops a half-configured sender, naming %s', (variable, env) => {
      expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
    });

    it('names both ways of giving Twilio a sender', () => {
      expect(() => loadConfig({ ...twilio, TWILIO_FROM: undefined })).toThrow(
        'Invalid configuration: TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID is required when SMS_SENDER=twilio',
      );
    });

    it.each<[string, Record<string, string | undefined>, string]>([
      [
        'Twilio’s auth token',
        { ...twilio, TWILIO_AUTH_TOKEN: 'very-secret-auth', TWILIO_FROM: undefined },
        'TWILIO_FROM',
      ],
      [
        'the gateway’s token',
        { ...gateway, SMS_GATEWAY_TOKEN: 'very secret token' },
        'SMS_GATEWAY_TOKEN',
      ],
    ])('never puts %s in an error', (_name, env, variable) => {
      expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
      expect(() => loadConfig(env)).not.toThrow(/very.secret/);
    });

    it('reads the timeout and a message template that holds {code}', () => {
      const config = loadConfig({
        SMS_TIMEOUT_MS: '2500',
        OTP_SMS_TEMPLATE: 'Код {code} для підтвердження. Нікому не повідомляйте {code}.',
      });
      expect(config.sms).toMatchObject({
        timeoutMs: 2500,
        template: 'Код {code} для підтвердження. Нікому не повідомляйте {code}.',
      });
    });
  });

  describe('in production', () => {
    const base = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      OTP_VERIFICATION_URL: 'https://otp.example.com/api',
      DIGITAL_SIGNATURE_URL: 'https://ds.example.com/api',
    };

    it('starts with an OTP service, a JWT key and a signature verifier', () => {
      expect(loadConfig(base).nodeEnv).toBe('production');
    });

    it.each([
      ['DIGITAL_SIGNATURE_URL', { DIGITAL_SIGNATURE_URL: 'https://ds.example.com/api' }],
      ['SIGNATURE_TRUST_ANCHORS', { SIGNATURE_TRUST_ANCHORS: ANCHORS }],
    ])('starts with only %s to verify signatures', (_name, signature) => {
      expect(loadConfig({ ...base, DIGITAL_SIGNATURE_URL: undefined, ...signature }).nodeEnv).toBe(
        'production',
      );
    });

    it('refuses to start without SIGNATURE_TRUST_ANCHORS or DIGITAL_SIGNATURE_URL', () => {
      expect(() => loadConfig({ ...base, DIGITAL_SIGNATURE_URL: undefined })).toThrow(
        /^Invalid configuration: SIGNATURE_TRUST_ANCHORS or DIGITAL_SIGNATURE_URL is required/,
      );
    });

    it.each<[string, Record<string, string>]>([
      [
        'a generic SMS gateway',
        { SMS_GATEWAY_URL: 'https://sms.example.com/send', SMS_GATEWAY_TOKEN: 'token' },
      ],
      [
        'Twilio',
        {
          TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
          TWILIO_AUTH_TOKEN: 'token',
          TWILIO_FROM: '+15005550006',
        },
      ],
    ])('starts with the built-in OTP service sending through %s', (_name, sender) => {
      const config = loadConfig({ ...base, OTP_VERIFICATION_URL: undefined, ...sender });
      expect(config.otp.url).toBeUndefined();
      expect(config.sms.sender.kind).not.toBe('log');
    });

    it.each<[string, Record<string, string>]>([
      ['no SMS sender configured', {}],
      ['SMS_SENDER=log', { SMS_SENDER: 'log', SMS_GATEWAY_URL: 'https://sms.example.com' }],
    ])(
      'refuses to start with the built-in OTP service and %s, naming what to set',
      (_name, sender) => {
        const start = () => loadConfig({ ...base, OTP_VERIFICATION_URL: undefined, ...sender });
        expect(start).toThrow(ConfigError);
        expect(start).toThrow(
          /^Invalid configuration: OTP_VERIFICATION_URL or a real SMS sender \(SMS_GATEWAY_URL and SMS_GATEWAY_TOKEN, or TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM\) is required when NODE_ENV=production/,
        );
      },
    );

    it('starts with OTP_VERIFICATION_URL and no SMS sender (the service sends the codes)', () => {
      expect(loadConfig({ ...base, SMS_SENDER: 'log' }).otp.url).toBe(
        'https://otp.example.com/api',
      );
    });

    it('refuses to start without a JWT key', () => {
      expect(() => loadConfig({ ...base, JWT_SECRET: undefined })).toThrow(/JWT_SECRET/);
    });
  });
});
