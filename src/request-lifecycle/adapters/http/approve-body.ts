import { ApiPropertyOptional } from '@nestjs/swagger';

/** `verification_code` of an approve body; none, `{}` and `[]` carry no code. */
export function verificationCodeOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>).verification_code
    : undefined;
}

/** The body of both approve routes, for the OpenAPI document. */
export class ApproveBodyDto {
  @ApiPropertyOptional({
    oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^[0-9]+$' }],
    example: 1234,
    description: 'The SMS code, when the current method is OTP (own or the third person’s)',
  })
  verification_code?: number | string;
}
