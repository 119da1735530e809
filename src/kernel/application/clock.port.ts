/** Port: where "now" comes from for every domain time (request expiry, windows, inserted_at). */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
