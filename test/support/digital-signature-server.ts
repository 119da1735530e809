import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeHttpService, json, type ServiceFault } from './fake-http-service.js';

export type { RecordedRequest } from './fake-http-service.js';

/** A signer as the registry's digital-signature service describes it. */
export interface ServiceSigner {
  readonly drfo: string;
  readonly edrpou: string;
  readonly common_name: string;
  readonly [field: string]: string;
}

/**
 * How the fake digital-signature service answers:
 * - `normal`: the contract. Since it cannot verify real signatures, it treats `signed_content` as
 *   base64 of the JSON that was "signed": valid JSON → 200 with the content decoded as an object
 *   and one valid signature by `signer`; anything else → 422 on `$.signed_content`;
 * - `legacy`: as `normal`, in the older form (`is_valid`, `signer`, `validation_error_message`
 *   directly in `data`);
 * - `invalid`: 200 with `is_valid: false` and `message` (in the `signatures` form);
 * - the faults of every fake service (`error`, `hang`, `close`, `reply`, and `garbage`: 200 HTML).
 */
export type DigitalSignatureBehaviour =
  | { readonly kind: 'normal' }
  | { readonly kind: 'legacy' }
  | { readonly kind: 'invalid'; readonly message: string }
  | ServiceFault;

type OwnBehaviour = Exclude<DigitalSignatureBehaviour, ServiceFault>;

export const DEFAULT_SERVICE_SIGNER: ServiceSigner = {
  drfo: '3999869394',
  edrpou: '',
  common_name: 'Олена Тестова',
  given_name: 'Олена',
  surname: 'Тестова',
  country_name: 'UA',
  locality_name: 'Київ',
  organization_name: '',
  organizational_unit_name: '',
  state_or_province_name: 'Київ',
  title: '',
};

/** A real HTTP server speaking the registry's digital-signature contract, for adapter tests. */
export class FakeDigitalSignatureServer extends FakeHttpService<OwnBehaviour> {
  signer: ServiceSigner = DEFAULT_SERVICE_SIGNER;

  private constructor() {
    super({ kind: 'normal' });
  }

  /** Starts the server on a free loopback port. */
  static start(): Promise<FakeDigitalSignatureServer> {
    return new FakeDigitalSignatureServer().listen();
  }

  /** Back to the contract and the default signer, with no recorded requests. */
  override reset(): void {
    super.reset();
    this.signer = DEFAULT_SERVICE_SIGNER;
  }

  protected contract(
    req: IncomingMessage,
    body: unknown,
    res: ServerResponse,
    behaviour: OwnBehaviour,
  ): void {
    if (req.method !== 'POST' || req.url !== '/digital_signatures') {
      return json(res, 404, { error: { type: 'not_found', message: 'Route not found' } });
    }
    const signed = (body as { signed_content?: unknown } | undefined)?.signed_content;
    const content = typeof signed === 'string' ? decodeJson(signed) : undefined;
    if (content === undefined) {
      return json(res, 422, {
        error: {
          type: 'validation_failed',
          invalid: [
            {
              entry_type: 'json_data_property',
              entry: '$.signed_content',
              rules: [{ rule: 'invalid', description: 'Not a signed content', params: [] }],
            },
          ],
        },
      });
    }
    const verdict =
      behaviour.kind === 'invalid'
        ? { is_valid: false, signer: this.signer, validation_error_message: behaviour.message }
        : { is_valid: true, signer: this.signer, validation_error_message: '' };
    const data =
      behaviour.kind === 'legacy' ? { content, ...verdict } : { content, signatures: [verdict] };
    return json(res, 200, { meta: { code: 200 }, data });
  }
}

function decodeJson(base64: string): unknown {
  try {
    return JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
