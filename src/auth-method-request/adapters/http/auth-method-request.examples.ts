/** Examples of authentication method requests shown in the API explorer. */
const ID = '7d23bebb-1cf3-4221-bf21-18aada444756';
const PERSON_ID = '0d0b5bd1-3f7c-4ab5-a0a5-6f1f3f4f0c55';
const AT = '2026-11-23T10:15:30.123Z';

export const AMR_EXAMPLE = {
  id: ID,
  person_id: PERSON_ID,
  status: 'NEW',
  channel: 'MIS',
  action: 'INSERT',
  authentication_method: { type: 'OFFLINE' },
  authentication_method_current: { type: 'OTP' },
  inserted_at: AT,
  updated_at: AT,
};

export const AMR_URGENT = {
  authentication_method_current: [{ type: 'OTP', phone_number: '+38097*****67' }],
  documents: [
    {
      type: 'PASSPORT',
      url: 'http://localhost:3000/api/uploads/authentication_method_requests/7d23bebb-1cf3-4221-bf21-18aada444756/PASSPORT.jpeg?expires=1795436130&signature=…',
    },
  ],
};

/** The approve answer's `data`, as the registry gives it. */
export const AMR_APPROVED_EXAMPLE = { id: ID, status: 'COMPLETED', channel: 'MIS' };
