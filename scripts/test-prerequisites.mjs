#!/usr/bin/env node
// Runs before `npm test` (the `pretest` script). Some tests drive real programs from Debian's
// packages: nats-server (the event relay against a real broker), chromium (the API explorer in a
// headless browser) and openssl (signatures made by a tool that is not the verifier). When one is
// missing, this installs it when it can (root with apt-get, as on a CI machine), and otherwise
// stops at once with the one command to run, instead of letting whole suites fail.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Each program: where it may live, and the Debian package that brings it. */
const PROGRAMS = [
  {
    name: 'nats-server',
    package: 'nats-server',
    env: 'NATS_SERVER_BIN',
    paths: ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'],
  },
  { name: 'chromium', package: 'chromium', env: 'CHROMIUM_PATH', paths: ['/usr/bin/chromium'] },
  { name: 'openssl', package: 'openssl', env: 'OPENSSL_BIN', paths: ['/usr/bin/openssl'] },
];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function found(program) {
  const fromEnv = process.env[program.env];
  if (fromEnv) return executable(fromEnv);
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, program.name));
  return [...program.paths, ...onPath].some(executable);
}

const missing = PROGRAMS.filter((program) => !found(program));
if (missing.length === 0) process.exit(0);

const packages = missing.map((program) => program.package);
const command = `apt-get install -y --no-install-recommends ${packages.join(' ')}`;
const isRoot = process.getuid?.() === 0;
const hasApt = executable('/usr/bin/apt-get');
if (!isRoot || !hasApt || process.env.EHEALTH_NO_APT === '1') {
  process.stderr.write(
    `The tests need ${missing.map((p) => p.name).join(', ')}, which this machine lacks.\n` +
      `Install ${packages.length > 1 ? 'them' : 'it'} with:\n\n  sudo ${command}\n\n` +
      '(or point NATS_SERVER_BIN / CHROMIUM_PATH / OPENSSL_BIN at your own binaries)\n',
  );
  process.exit(1);
}

process.stderr.write(`Installing what the tests drive: ${packages.join(', ')}\n`);
const run = (args) =>
  spawnSync('apt-get', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  }).status;
if (
  run(['update', '-qq']) !== 0 ||
  run(['install', '-y', '-qq', '--no-install-recommends', ...packages]) !== 0
) {
  process.stderr.write(`Installing failed. Run it yourself:\n\n  sudo ${command}\n`);
  process.exit(1);
}
const still = PROGRAMS.filter((program) => !found(program));
if (still.length > 0) {
  process.stderr.write(`Still missing after the install: ${still.map((p) => p.name).join(', ')}\n`);
  process.exit(1);
}
