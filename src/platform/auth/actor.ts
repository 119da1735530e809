/** Who acts: taken from the verified token's claims (api.md §2). */
export interface Actor {
  /** `sub`: the acting user, written to inserted_by / updated_by when it is a UUID. */
  readonly userId: string | null;
  /** `client_id`: the MIS client. */
  readonly clientId: string | null;
  readonly scopes: ReadonlySet<string>;
}
