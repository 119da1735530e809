/**
 * Architecture rules checked in CI (`npm run arch`). Floors, from the bottom: `kernel/` (the shared kernel: pure
 * values and the ports every feature uses), `platform/` (configuration, database, HTTP, auth,
 * logging), the features (one folder each), and the composition root (`src/*.ts`). A floor
 * imports only the floors below it; inside a feature, the domain is pure and use cases talk to
 * ports; a feature never reaches into another feature's adapters.
 */
const FEATURE = '^src/(?!kernel/|platform/)[^/]+/';

module.exports = {
  forbidden: [
    {
      name: 'kernel-is-the-ground-floor',
      comment: 'kernel/ imports nothing of platform/ or of any feature',
      severity: 'error',
      from: { path: '^src/kernel/' },
      to: { path: ['^src/platform/', FEATURE, '^src/[^/]+\\.ts$'] },
    },
    {
      name: 'platform-knows-no-feature',
      comment: 'platform/ is below every feature: it imports kernel/ and itself only',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: [FEATURE, '^src/[^/]+\\.ts$'] },
    },
    {
      name: 'features-do-not-import-the-root',
      comment: 'the composition root (src/*.ts) imports features, never the other way',
      severity: 'error',
      from: { path: FEATURE },
      to: { path: '^src/[^/]+\\.ts$' },
    },
    {
      name: 'no-foreign-adapters',
      comment:
        "a feature uses another feature's ports and use cases, never its adapters; the one " +
        'exception is the HTTP presentation every request kind shares (the urgent block, the ' +
        "approve body), which request kinds' controllers take from the request lifecycle",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: {
        path: '^src/[^/]+/adapters/',
        pathNot: ['^src/$1/', '^src/request-lifecycle/adapters/http/'],
      },
    },
    {
      name: 'lifecycle-presentation-only-for-controllers',
      comment: "the lifecycle's shared HTTP presentation is for request kinds' HTTP adapters",
      severity: 'error',
      from: {
        path: '^src/([^/]+)/',
        pathNot: ['^src/[^/]+/adapters/http/', '^src/request-lifecycle/'],
      },
      to: { path: '^src/request-lifecycle/adapters/http/' },
    },
    {
      name: 'built-in-otp-is-optional',
      comment:
        'the built-in OTP service is one adapter of the OTP port, which the OTP module binds when ' +
        'no OTP service is configured: only that composition (src/otp/otp.module.ts) and the ' +
        "composition root (the schema, the package's exports) know it",
      severity: 'error',
      from: {
        path: '^src/',
        pathNot: ['^src/otp-built-in/', '^src/otp/otp\\.module\\.ts$', '^src/[^/]+\\.ts$'],
      },
      to: { path: '^src/otp-built-in/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain/ holds pure rules: no framework, ORM, driver, validator or adapter',
      severity: 'error',
      from: { path: '^src/.*/domain/' },
      to: {
        path: [
          '^node_modules/(@nestjs|typeorm|pg|class-validator|class-transformer|axios|nats|@nats-io|express|fastify|jsonwebtoken|passport|pkijs|asn1js|@aws-sdk|prom-client)',
          '^src/.*/(adapters|application)/',
          '^src/platform/',
        ],
      },
    },
    {
      name: 'application-knows-no-adapter',
      comment: 'use cases talk to ports, never to adapters or HTTP',
      severity: 'error',
      from: { path: '^src/.*/application/' },
      to: {
        path: [
          '^src/.*/adapters/',
          '^node_modules/(typeorm|pg|express|fastify|class-validator|@nestjs/swagger|pkijs|@aws-sdk)',
        ],
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
