/**
 * A request the service cannot read (400 `request_malformed`): malformed or too deeply nested
 * JSON, a body of the wrong content type, a charset or content encoding it does not decode, a
 * body that broke off. Raised at the HTTP edge, once the request is authenticated.
 */
export class RequestMalformed extends Error {
  static readonly MALFORMED_JSON = 'Malformed JSON in request body';
  static readonly NOT_JSON = 'Content-Type must be application/json';
  static readonly BAD_CONTENT_TYPE = 'Content-Type is malformed or not supported';
  static readonly CHARSET = 'Unsupported charset in Content-Type';
  static readonly ENCODING = 'Unsupported Content-Encoding';
  static readonly MALFORMED_REQUEST = 'Malformed request';

  constructor(message: string) {
    super(message);
    this.name = 'RequestMalformed';
  }
}
