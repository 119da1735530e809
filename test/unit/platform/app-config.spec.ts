import { ConfigError, loadConfig } from '../../../src/platform/config/app-config.js';

describe('configuration (api.md §9)', () => {
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
      apiKeys: [],
      events: { subject: 'event_manager.events' },
      jwt: { maxTokenLifetimeSeconds: 86_400 },
      rateLimit: { writesPerMinute: 0 },
    });
    expect(config.dataDir).toMatch(/\/data$/);
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
    ['JWT_MAX_TOKEN_LIFETIME_SECONDS', '59'],
    ['JWT_MAX_TOKEN_LIFETIME_SECONDS', '31536001'],
    ['JWT_MAX_TOKEN_LIFETIME_SECONDS', '1e5'],
    ['JWT_MAX_TOKEN_LIFETIME_SECONDS', '3600.5'],
  ])('stops at an invalid %s and names it', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(
      new RegExp(`^Invalid configuration: ${variable} `),
    );
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

  describe('in production', () => {
    const base = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      OTP_VERIFICATION_URL: 'https://otp.example.com/api',
    };

    it('starts with an OTP service and a JWT key', () => {
      expect(loadConfig(base).nodeEnv).toBe('production');
    });

    it('refuses to start without OTP_VERIFICATION_URL', () => {
      expect(() => loadConfig({ ...base, OTP_VERIFICATION_URL: undefined })).toThrow(
        /OTP_VERIFICATION_URL/,
      );
    });

    it('refuses to start without a JWT key', () => {
      expect(() => loadConfig({ ...base, JWT_SECRET: undefined })).toThrow(/JWT_SECRET/);
    });
  });
});
