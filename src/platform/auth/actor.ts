/** Who acts: taken from the verified token's claims. */
export interface Actor {
  /** `sub`: the acting user, written to inserted_by / updated_by when it is a UUID. */
  readonly userId: string | null;
  /** `client_id`: the MIS client; requests belong to the client that created them. */
  readonly clientId: string;
  readonly scopes: ReadonlySet<string>;
}
