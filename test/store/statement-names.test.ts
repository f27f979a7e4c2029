// Statement names for Prisma's queries (src/store/statement-names.ts): one stable name per SQL
// text, and no new names past the limit (those go unnamed), so the session cannot fill up.
import { describe, expect, it } from 'vitest';
import { statementNames } from '../../src/store/statement-names.js';

describe('statementNames', () => {
  it('gives each SQL text one name, the same every time', () => {
    const name = statementNames();
    const a = name({ sql: 'SELECT 1' });
    const b = name({ sql: 'SELECT 2' });
    expect(a).toMatch(/^mb_\d+$/);
    expect(b).not.toBe(a);
    expect(name({ sql: 'SELECT 1' })).toBe(a);
    expect(name({ sql: 'SELECT 2' })).toBe(b);
  });

  it('past the limit, new texts go unnamed while the named ones keep their names', () => {
    const name = statementNames(2);
    const first = name({ sql: 'SELECT 1' });
    name({ sql: 'SELECT 2' });
    expect(name({ sql: 'SELECT 3' })).toBe('');
    expect(name({ sql: 'SELECT 4' })).toBe('');
    expect(name({ sql: 'SELECT 1' })).toBe(first);
  });
});
