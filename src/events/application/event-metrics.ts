import { Injectable } from '@nestjs/common';

/** Counters of this process's relay, exposed on GET /metrics. */
@Injectable()
export class EventMetrics {
  published = 0;
  publishFailures = 0;
  /** Publishes the broker reported as duplicates of a message it already held. */
  duplicates = 0;
}
