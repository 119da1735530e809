/** Architecture rules checked in CI (`npm run arch`). */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'domain/ holds pure rules: no framework, ORM, driver, validator or adapter (STYLE.md)',
      severity: 'error',
      from: { path: '^src/.*/domain/' },
      to: {
        path: [
          '^node_modules/(@nestjs|typeorm|pg|class-validator|class-transformer|axios|nats|express|jsonwebtoken|passport|pkijs|asn1js)',
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
          '^node_modules/(typeorm|pg|express|class-validator|@nestjs/swagger)',
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
