/**
 * `npm run bench`: the benchmarks that take a minute or two, one after another, each printing its
 * own figures against its targets. The load benchmarks (bench/inbox.ts, bench/slack.ts,
 * bench/teams.ts: several processes, PostgreSQL) take longer and run on their own.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES = ['matching.ts', 'assignment.ts', 'suggestions-reply.ts'];

let failed = 0;
for (const bench of BENCHES) {
  console.log(`\n== bench/${bench}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(bench, import.meta.url))], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exitCode = failed === 0 ? 0 : 1;
