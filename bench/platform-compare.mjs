// Express or Fastify? Measures one endpoint of the same minimal Nest application on both
// platforms with autocannon (`node bench/platform-compare.mjs`). The route returns a small
// registry-style envelope, as the service's read routes do.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = 16;

class PingController {
  ping() {
    return {
      meta: { code: 200, type: 'object' },
      data: { id: '7d23bebb-1cf3-4221-bf21-18aada444756', status: 'NEW', active: true },
    };
  }
}
Get('ping')(
  PingController.prototype,
  'ping',
  Object.getOwnPropertyDescriptor(PingController.prototype, 'ping'),
);
Controller()(PingController);
class PingModule {}
Module({ controllers: [PingController] })(PingModule);

async function measure(name, adapter) {
  const app = await NestFactory.create(PingModule, adapter, { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = `${await app.getUrl()}/ping`.replace('[::1]', '127.0.0.1');
  await autocannon({ url, connections: CONNECTIONS, duration: 2 }); // warm-up
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
  await app.close();
  return {
    platform: name,
    rps: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
  };
}

const rows = [
  await measure('express', new ExpressAdapter()),
  await measure('fastify', new FastifyAdapter()),
];
console.table(rows);
console.log(`fastify / express throughput: ${(rows[1].rps / rows[0].rps).toFixed(2)}`);
