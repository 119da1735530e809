/**
 * One scanned document a request needs for OFFLINE verification: its document type and the key
 * its upload is stored under. Person requests and authentication method requests both hold them.
 */
export interface DocumentSlot {
  readonly type: string;
  readonly key: string;
}
