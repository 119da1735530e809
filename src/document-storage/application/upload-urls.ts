import type { Clock } from '../../kernel/application/clock.port.js';
import { isValidUpload, signUpload } from '../domain/upload-signature.js';

export interface UploadUrlSettings {
  /** The service's public base URL (PUBLIC_URL): the URLs point at its own upload route. */
  readonly publicUrl: string;
  /** Lifetime of a URL (DOCUMENT_URL_TTL_SECONDS). */
  readonly ttlSeconds: number;
}

/**
 * Signs and checks the upload URLs of this service's own route,
 * `<PUBLIC_URL>/api/uploads/<key>?expires=..&signature=..`. The key comes from `signingKey`, one
 * secret shared by every instance, so any instance accepts the URLs another one handed out.
 */
export class UploadUrls {
  constructor(
    private readonly settings: UploadUrlSettings,
    private readonly clock: Clock,
    private readonly signingKey: () => Promise<Buffer>,
  ) {}

  async sign(key: string): Promise<string> {
    const expires = this.nowSeconds() + this.settings.ttlSeconds;
    const signature = signUpload(await this.signingKey(), key, expires);
    return `${this.settings.publicUrl}/api/uploads/${key}?expires=${expires}&signature=${signature}`;
  }

  /** Whether `signature` signs an upload of `key` that has not expired; the values are raw query input. */
  async verify(key: string, expires: unknown, signature: unknown): Promise<boolean> {
    return isValidUpload(await this.signingKey(), key, expires, signature, this.nowSeconds());
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}
