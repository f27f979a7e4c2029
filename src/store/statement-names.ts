/**
 * Names for Prisma's statements, so `pg` prepares each SQL text once per connection and then only
 * binds and executes it. Unnamed, every statement is parsed, analysed and planned anew each time:
 * on the embedded PGlite (PostgreSQL compiled to WebAssembly, one session for the whole app) that
 * was about two thirds of a turn's database time, and every turn waits for that one session.
 *
 * The names are process-wide (one name per SQL text), and there are at most `limit` of them:
 * statements whose text varies with their input (an IN list of each length, say) would otherwise
 * fill the session with prepared statements that are never used again. Past the limit, new texts
 * go unnamed, as before: the empty name, which is the protocol's unnamed statement.
 *
 * A prepared statement lives in the server's session, and `pg` starts each new connection
 * believing nothing is prepared: that holds for PostgreSQL, and for PGlite because our wire
 * server (pglite-wire.ts) makes its one session new again whenever a connection ends.
 */
export const DEFAULT_STATEMENT_NAME_LIMIT = 500;

export function statementNames(limit = DEFAULT_STATEMENT_NAME_LIMIT): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    const known = names.get(sql);
    if (known !== undefined) return known;
    if (names.size >= limit) return '';
    const name = `mb_${names.size + 1}`;
    names.set(sql, name);
    return name;
  };
}
