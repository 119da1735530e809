// A host application that embeds the packaged module and serves its REST routes (`http: true`)
// on the platform of its choice: `node main.mjs express` or `node main.mjs fastify`.
//
// The host brings what the module leaves to it: its own TypeORM connection (with the package's
// entities and migrations), its own OTP adapter, its own authentication (a guard that sets
// `request.user` and enforces the routes' scopes), and the module's filter, pipe and envelope
// registered globally. It then calls the routes over real HTTP: a JSON flow (register a person,
// create an authentication method request, approve it), a document upload to a signed URL (the
// route that reads the raw request) and GET /metrics.
//
// Plain JavaScript, so Nest's decorators are applied as functions.
import 'reflect-metadata';
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ForbiddenException, Module, UnauthorizedException } from '@nestjs/common';
import {
  APP_FILTER,
  APP_GUARD,
  APP_INTERCEPTOR,
  APP_PIPE,
  NestFactory,
  Reflector,
} from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  EHEALTH_ENTITIES,
  EHEALTH_MIGRATIONS,
  EhealthAuthMethodsModule,
  EnvelopeInterceptor,
  EventBus,
  OtpVerifier,
  RegistryExceptionFilter,
  SCOPES_KEY,
  loadConfig,
  readJsonBody,
  registryValidationPipe,
} from 'ehealth-auth-methods';

const platform = process.argv[2] ?? 'express';
if (!['express', 'fastify'].includes(platform)) {
  process.stderr.write('usage: node main.mjs express|fastify\n');
  process.exit(2);
}

/** The host's own OTP service: every code is 4321 (stands in for a real integration). */
class HostOtpVerifier extends OtpVerifier {
  sent = [];
  async initialize(phoneNumber) {
    this.sent.push(phoneNumber);
    return {
      id: randomUUID(),
      status: 'NEW',
      codeExpiredAt: new Date(Date.now() + 900_000),
      active: true,
    };
  }
  async complete(_phoneNumber, _purpose, code) {
    if (code !== '4321') return { ok: false, reason: 'invalid_code' };
    return {
      ok: true,
      verification: {
        id: randomUUID(),
        status: 'VERIFIED',
        codeExpiredAt: new Date(),
        active: false,
      },
    };
  }
  async isVerified() {
    return true;
  }
}

/**
 * The host's authentication: a session header it issued itself. Whatever a host uses (its own
 * tokens, cookies, mTLS), the module's routes need `request.user` = { userId, clientId, scopes }
 * and the scopes each route names under SCOPES_KEY (routes without it are public).
 */
const SESSION = randomUUID();
const ACTOR = {
  userId: randomUUID(),
  clientId: 'host-example-client',
  scopes: new Set(['person:write', 'authentication_method_request:write']),
};
class HostAuthGuard {
  constructor(reflector) {
    this.reflector = reflector;
  }
  canActivate(context) {
    const required = this.reflector.getAllAndOverride(SCOPES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (required === undefined) return true;
    const request = context.switchToHttp().getRequest();
    if (request.headers['x-host-session'] !== SESSION) throw new UnauthorizedException();
    if (!required.every((scope) => ACTOR.scopes.has(scope))) throw new ForbiddenException();
    request.user = ACTOR;
    return true;
  }
}

const otp = new HostOtpVerifier();

class HostModule {}
Module({
  imports: [
    TypeOrmModule.forRoot({
      type: 'postgres',
      url: process.env.DATABASE_URL,
      entities: EHEALTH_ENTITIES,
      migrations: EHEALTH_MIGRATIONS,
      migrationsRun: true,
    }),
    EhealthAuthMethodsModule.forRoot({
      config: loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'ehealth-host-')) }),
      adapters: { otpVerifier: { useValue: otp } },
      http: true,
    }),
  ],
  providers: [
    {
      provide: APP_GUARD,
      useFactory: (reflector) => new HostAuthGuard(reflector),
      inject: [Reflector],
    },
    { provide: APP_FILTER, useClass: RegistryExceptionFilter },
    { provide: APP_PIPE, useFactory: registryValidationPipe },
    { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
  ],
})(HostModule);

/**
 * Bodies: JSON is read as text and parsed by the module's reader, which refuses nesting deeper
 * than 64 levels before anything recursive runs (400) and NUL characters (422); an image/jpeg
 * body stays unread for the upload route, which streams it from the raw request.
 */
async function createApp() {
  const options = { logger: ['error'], bodyParser: false };
  if (platform === 'express') {
    const app = await NestFactory.create(HostModule, new ExpressAdapter(), options);
    app.useBodyParser('text', { type: ['application/json', 'application/*+json'], limit: '1mb' });
    app.use((request, _response, next) => {
      if (typeof request.body !== 'string') return next();
      try {
        request.body = readJsonBody(request.body);
        next();
      } catch (error) {
        next(error);
      }
    });
    return app;
  }
  const fastify = new FastifyAdapter({ bodyLimit: 1024 * 1024 });
  const instance = fastify.getInstance();
  instance.removeContentTypeParser('application/json');
  instance.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (_request, body, done) => {
      try {
        done(null, readJsonBody(body));
      } catch (error) {
        done(error, undefined);
      }
    },
  );
  instance.addContentTypeParser('image/jpeg', (_request, _payload, done) => done(null, undefined));
  return NestFactory.create(HostModule, fastify, options);
}

const { fetch } = globalThis;
const app = await createApp();
const events = [];
app.get(EventBus).subscribe((event) => events.push(event));
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address();
const base = `http://127.0.0.1:${port}`;

async function call(method, path, body, headers = {}) {
  const json = body !== undefined && !Buffer.isBuffer(body);
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      'x-host-session': SESSION,
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: json ? JSON.stringify(body) : body,
  });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.startsWith('application/json');
  return { status: response.status, body: isJson ? JSON.parse(text) : text };
}

// A person whose current method is OFFLINE: changing it needs the scanned documents.
const person = await call('POST', '/api/persons', {
  first_name: 'Олена',
  last_name: 'Петренко',
  birth_date: '1972-10-26',
  gender: 'MALE',
  tax_id: '2659719350',
  no_tax_id: false,
  documents: [{ type: 'PASSPORT', number: 'АА123456' }],
  authentication_methods: [{ type: 'OFFLINE' }],
});
const personId = person.body.data.id;
const request = await call('POST', `/api/persons/${personId}/authentication_method_requests`, {
  action: 'insert',
  authentication_method: { type: 'OTP', phone_number: '+380971234567' },
});
const requestId = request.body.data.id;
const documents = request.body.urgent.documents;
const notYet = await call(
  'PATCH',
  `/api/persons/${personId}/authentication_method_requests/${requestId}/actions/approve`,
  {},
);
// A signed upload URL carries the module's PUBLIC_URL; the host serves it on its own port.
const signed = new URL(documents[0].url);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const upload = await call('PUT', `${signed.pathname}${signed.search}`, jpeg, {
  'content-type': 'image/jpeg',
});
const approved = await call(
  'PATCH',
  `/api/persons/${personId}/authentication_method_requests/${requestId}/actions/approve`,
  {},
);
const metrics = await call('GET', '/metrics');
const deep = await call(
  'POST',
  '/api/persons',
  Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`),
  {
    'content-type': 'application/json',
  },
);
const anonymous = await fetch(`${base}/api/persons`, { method: 'POST' });
// The approve's event reaches in-process subscribers once the dispatcher has read it.
for (let i = 0; i < 100 && events.length === 0; i++) {
  await new Promise((resolve) => setTimeout(resolve, 50));
}

process.stdout.write(
  `${JSON.stringify({
    platform,
    person: person.status,
    request: request.status,
    documents: documents.map((d) => d.type),
    approveBeforeUpload: [notYet.status, notYet.body.error?.message],
    upload: [upload.status, upload.body.data],
    approve: [approved.status, approved.body.data?.status],
    metrics: [metrics.status, /^events_outbox_unpublished \d+$/m.test(metrics.body)],
    deepJson: [deep.status, deep.body.error?.message],
    anonymous: anonymous.status,
    events: events.map((e) => e.properties),
  })}\n`,
);
await app.close();
