/** Who acts, as the use cases see it (taken from the verified token at the edge). */
export interface Acting {
  /** The acting user (`sub`), written to inserted_by / updated_by; null when it is no UUID. */
  readonly userId: string | null;
  /** The MIS client (`client_id`): requests belong to the client that created them. */
  readonly clientId: string;
}
