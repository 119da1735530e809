/**
 * A statement of a hot path. node-postgres sends it as a named prepared statement: PostgreSQL
 * parses and plans it once per connection, and every later call only binds and executes it
 * (TypeOrmUnitOfWork.execute). Its text names its columns (never `*`): a column added by a
 * migration while the service runs must not change what a prepared statement returns
 * (PostgreSQL would refuse it with "cached plan must not change result type").
 */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

const defined = new Map<string, string>();

/**
 * Defines the statement `name`. A name is prepared on every connection under one text only, so a
 * second definition of a name with another text is refused when its module loads.
 */
export function statement(name: string, text: string): Statement {
  const previous = defined.get(name);
  if (previous !== undefined && previous !== text) {
    throw new Error(`statement ${name} is defined twice with different texts`);
  }
  defined.set(name, text);
  return { name, text };
}
