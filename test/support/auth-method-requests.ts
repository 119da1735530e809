import type { TestApp } from './test-app.js';

type Headers = Record<string, string>;

/**
 * The path of a person's authentication method requests, of one request, or of one of its
 * actions (docs/api.md, Authentication method requests).
 */
export function amrPath(
  personId: string,
  requestId?: string,
  action?: 'approve' | 'resend_otp',
): string {
  const base = `/api/persons/${personId}/authentication_method_requests`;
  if (requestId === undefined) return base;
  return action === undefined ? `${base}/${requestId}` : `${base}/${requestId}/actions/${action}`;
}

/** POST a create; the answer is not checked. */
export function createAmr(t: TestApp, headers: Headers, personId: string, body: unknown) {
  return t.http
    .post(amrPath(personId))
    .set(headers)
    .send(body as object);
}

/** PATCH an approve, with no body at all when `body` is undefined; the answer is not checked. */
export function approveAmr(
  t: TestApp,
  headers: Headers,
  personId: string,
  requestId: string,
  body?: unknown,
) {
  const request = t.http.patch(amrPath(personId, requestId, 'approve')).set(headers);
  return body === undefined ? request : request.send(body as object);
}

/** POST a resend of the request's code, with the given body (none when undefined). */
export function resendAmrOtp(
  t: TestApp,
  headers: Headers,
  personId: string,
  requestId: string,
  body?: unknown,
) {
  const request = t.http.post(amrPath(personId, requestId, 'resend_otp')).set(headers);
  return body === undefined ? request : request.send(body as object);
}

/** GET one request. */
export function readAmr(t: TestApp, headers: Headers, personId: string, requestId: string) {
  return t.http.get(amrPath(personId, requestId)).set(headers);
}
