/** 401 with one of the registry's texts (docs/api.md, Authentication). */
export class AccessDenied extends Error {
  static readonly NO_BEARER = "Authorization header is not set or doesn't contain Bearer token";
  static readonly INVALID_TOKEN = 'Invalid access token';
  static readonly NO_API_KEY = 'Api key is not set';
  static readonly INVALID_API_KEY = 'Invalid api key';
  static readonly NO_PSK = 'X-Custom-PSK header is not set';
  static readonly INVALID_PSK = 'Invalid PSK';
}

/** 403 for a token whose scopes miss what the route needs. */
export class MissingScopes extends Error {
  constructor(readonly missing: readonly string[]) {
    super(
      `Your scope does not allow to access this resource. Missing allowances: ${missing.join(', ')}`,
    );
  }
}
