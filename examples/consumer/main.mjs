// A host application that imports the packaged module: its own TypeORM connection (with the
// package's entities and migrations), its own OTP adapter, and the use cases called without HTTP.
// Plain JavaScript, so Nest's decorators are applied as functions.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  ApproveAuthMethodRequestUseCase,
  CreateAuthMethodRequestUseCase,
  EHEALTH_ENTITIES,
  EHEALTH_MIGRATIONS,
  EhealthAuthMethodsModule,
  EventBus,
  OtpVerifier,
  RegisterPersonUseCase,
  loadConfig,
} from 'ehealth-auth-methods';

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
  async complete(_phoneNumber, code) {
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
    }),
  ],
})(HostModule);

const app = await NestFactory.createApplicationContext(HostModule, { logger: ['error'] });
const events = [];
app.get(EventBus).subscribe((event) => events.push(event));

// Who acts: the host's user and its MIS client (requests belong to the client that made them).
const acting = { userId: randomUUID(), clientId: 'host-example-client' };
const person = await app.get(RegisterPersonUseCase).execute({
  firstName: 'Олена',
  lastName: 'Петренко',
  birthDate: '1972-10-26',
  gender: 'MALE',
  taxId: '2659719350',
  noTaxId: false,
  documents: [{ type: 'PASSPORT', number: 'АА123456', issuedAt: null, expirationDate: null }],
  authenticationMethods: [{ type: 'OTP', phoneNumber: '+380971234567' }],
  actorId: null,
});
const request = await app.get(CreateAuthMethodRequestUseCase).execute({
  personId: person.id,
  action: 'insert',
  method: { type: 'OTP', phoneNumber: '+380501112233' },
  acting,
});
const approved = await app
  .get(ApproveAuthMethodRequestUseCase)
  .execute(person.id, request.id, 4321, acting);
await new Promise((resolve) => setTimeout(resolve, 1500));
process.stdout.write(
  `${JSON.stringify({ status: approved.status, codesSent: otp.sent.length, events: events.map((e) => e.properties) })}\n`,
);
await app.close();
