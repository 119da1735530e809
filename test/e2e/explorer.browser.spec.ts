import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SmsSender } from '../../src/otp-built-in/application/sms-sender.port.js';
import { signForDevelopment } from '../../src/signature/adapters/dev/dev-signer.js';
import { CapturingSmsSender } from '../support/otp-sms.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';
import { v3Body } from '../support/v3.js';

// Debian's Chromium (`apt-get install chromium`; .ci/run installs it when missing). No skip:
// without it this test fails and says why.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = join(process.cwd(), 'test-results', 'explorer-resend-otp.png');
const FAILURE_SCREENSHOT = join(process.cwd(), 'test-results', 'explorer-failure.png');
const RESEND_PATH = '/api/person_requests/{id}/actions/resend_otp';

describe('OpenAPI explorer in headless Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  /** What the page reported: console errors, CSP violations and failed requests. */
  const problems: string[] = [];
  const sms = new CapturingSmsSender();

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) ` +
          'or set CHROMIUM_PATH. The explorer test does not skip.',
      );
    }
    t = await createTestApp({
      listen: true,
      customize: (b) => b.overrideProvider(SmsSender).useValue(sms),
    });
    const address = t.app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const watch = (page: Page): void => {
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) =>
      problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
    );
  };

  it('authorizes with a bearer token and runs resend_otp with "Try it out"', async () => {
    const created = await t.http
      .post('/api/v3/person_requests')
      .set({ Authorization: `Bearer ${tokenFor('person_request:write')}` })
      .send(v3Body())
      .expect(201);
    const id: string = created.body.data.id;
    expect(created.body.data.status).toBe('NEW');

    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    watch(page);
    page.setDefaultTimeout(15_000);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    try {
      await page.goto(`${baseUrl}/api/docs`, { waitUntil: 'load' });

      // Authorize: paste the token into the bearer scheme's field and close the dialog.
      await page.locator('.auth-wrapper button.authorize').click();
      const dialog = page.locator('.modal-ux');
      await dialog
        .locator('input')
        .first()
        .fill(tokenFor('person_request:write person_request:read'));
      await dialog.locator('button.authorize[type="submit"]').click();
      await dialog.locator('h6', { hasText: 'Authorized' }).waitFor();
      await dialog.locator('button.btn-done').click();
      await dialog.waitFor({ state: 'detached' });

      // Expand the operation, switch on "Try it out", fill the id and execute.
      const operation = page
        .locator('.opblock')
        .filter({ has: page.locator(`.opblock-summary-path[data-path="${RESEND_PATH}"]`) });
      await operation.locator('.opblock-summary').click();
      await operation.locator('button.try-out__btn').click();
      await operation.locator('input[placeholder="id"]').fill(id);
      await operation.locator('button.execute').click();

      // The live response section (not the documented responses) shows the status code.
      const live = operation.locator('.live-responses-table');
      const status = live.locator('.response .response-col_status');
      await status.waitFor();
      expect((await status.innerText()).trim()).toBe('200');
      const body = await live.locator('.response-col_description pre').first().innerText();
      expect(JSON.parse(body).data).toEqual({
        id: expect.any(String),
        status: 'NEW',
        code_expired_at: expect.any(String),
        active: true,
      });

      // The operation from its summary down to the live response (the page is ~7000 px tall).
      await operation.scrollIntoViewIfNeeded();
      const top = await operation.boundingBox();
      const bottom = await live.boundingBox();
      const scroll = await page.evaluate(
        () => (globalThis as unknown as { scrollY: number }).scrollY,
      );
      await page.screenshot({
        path: SCREENSHOT,
        fullPage: true,
        clip: {
          x: 0,
          y: top!.y + scroll - 8,
          width: 1280,
          height: bottom!.y + bottom!.height - top!.y + 16,
        },
      });
      expect(existsSync(SCREENSHOT)).toBe(true);
      // Swagger UI's assets load under the service's CSP: no console error, no blocked request.
      expect(problems).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => undefined);
      if (problems.length > 0 && error instanceof Error) {
        error.message += `\n\nThe page reported:\n${problems.join('\n')}`;
      }
      throw error;
    } finally {
      await page.close();
    }
  }, 60_000);

  /** Authorizes the page's explorer with a bearer token. */
  async function authorize(page: Page, scopes: string): Promise<void> {
    await page.locator('.auth-wrapper button.authorize').click();
    const dialog = page.locator('.modal-ux');
    await dialog.locator('input').first().fill(tokenFor(scopes));
    await dialog.locator('button.authorize[type="submit"]').click();
    await dialog.locator('h6', { hasText: 'Authorized' }).waitFor();
    await dialog.locator('button.btn-done').click();
    await dialog.waitFor({ state: 'detached' });
  }

  /**
   * Runs one operation with "Try it out" as a person would: the id (when the path has one), the
   * body typed over the example (when given), Execute; returns the live status and body.
   */
  async function tryItOut(
    page: Page,
    method: string,
    path: string,
    input: { id?: string; body?: unknown } = {},
  ): Promise<{ status: number; body: Record<string, any> }> {
    const operation = page.locator(`.opblock-${method}`).filter({
      has: page.locator(`.opblock-summary-path[data-path="${path}"]`),
    });
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    if (input.id !== undefined) await operation.locator('input[placeholder="id"]').fill(input.id);
    if (input.body !== undefined) {
      await operation.locator('textarea.body-param__text').fill(JSON.stringify(input.body));
    }
    await operation.locator('button.execute').click();
    const live = operation.locator('.live-responses-table');
    const status = live.locator('.response .response-col_status');
    await status.waitFor();
    const body = await live.locator('.response-col_description pre').first().innerText();
    const result = { status: Number((await status.innerText()).trim()), body: JSON.parse(body) };
    await operation.locator('.opblock-summary').click();
    return result;
  }

  it('walks a person request from create through approve to sign, signed by the development signer', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    watch(page);
    page.setDefaultTimeout(15_000);
    try {
      await page.goto(`${baseUrl}/api/docs`, { waitUntil: 'load' });
      await authorize(page, 'person_request:write person_request:read');

      // Create with the explorer's own example body (a full v3 person, OTP to +380971234567).
      const created = await tryItOut(page, 'post', '/api/v3/person_requests');
      expect(created.status).toBe(201);
      const id = created.body.data.id as string;
      const code = Number(sms.lastCodeFor('+380971234567'));

      const approved = await tryItOut(
        page,
        'patch',
        '/api/v3/person_requests/{id}/actions/approve',
        {
          id,
          body: { verification_code: code },
        },
      );
      expect(approved.status).toBe(201);
      expect(approved.body.data.status).toBe('APPROVED');

      // What `npm run sign -- data.json` prints for the approved data, read by the patient.
      const document = { ...approved.body.data, patient_signed: true };
      const { signedContent } = await signForDevelopment(
        t.config.dataDir,
        new Uint8Array(Buffer.from(JSON.stringify(document))),
      );
      const signed = await tryItOut(page, 'patch', '/api/v3/person_requests/{id}/actions/sign', {
        id,
        body: { signed_content: signedContent },
      });
      expect(signed.status).toBe(200);
      expect(signed.body.data).toEqual({
        id,
        status: 'SIGNED',
        person_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        inserted_at: expect.any(String),
        updated_at: expect.any(String),
      });
      expect(problems).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => undefined);
      throw error;
    } finally {
      await page.close();
    }
  }, 90_000);

  it('keeps the explorer usable over plain HTTP on a non-loopback host (no CSP upgrade)', async () => {
    const res = await t.http.get('/api/docs/').expect(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('serves the same document as docs/openapi.json (run `npm run openapi` when it differs)', async () => {
    const live = await t.http.get('/api/docs-json').expect(200);
    const committed = JSON.parse(readFileSync(join(process.cwd(), 'docs', 'openapi.json'), 'utf8'));
    expect(live.body).toEqual(committed);
  });
});
