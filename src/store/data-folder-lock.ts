// The PGlite data folder lock: one process writes a data folder, whatever container it runs in.
//
// PGlite takes no lock on its folder (there is no postmaster.pid), and two processes writing one
// folder silently lose writes. A pid alone cannot tell: a bot in another container (another PID
// namespace) on the same volume sees a pid that means nothing to it. So the lock is
// proper-lockfile's: a lock directory whose mtime the holder refreshes every 2 s, which any
// process on the volume can read, whatever its namespace; a lock not refreshed for 10 s is stale.
// That is why it holds across containers: it rests on the shared volume's files and clock, not
// on pids. Beside it an owner file names the holder's pid and PID namespace, so a restart on the
// same machine after a crash takes over at once instead of waiting for the lock to go stale.
import { readlinkSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';

const LOCK_FILE = 'mentor-bridge.lock';
const OWNER_FILE = 'mentor-bridge.owner';
const LOCK_STALE_MS = 10_000;
const LOCK_REFRESH_MS = 2_000;
const locksHeldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 checks existence without signalling
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}

/** This process's PID namespace ("pid:[4026531836]" on Linux); pids only mean something within one. */
function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return 'unknown'; // not Linux: only the lock's freshness can tell
  }
}

interface LockOwner {
  pid: number;
  namespace: string;
}

async function readOwner(dataDir: string): Promise<LockOwner | null> {
  const text = await readFile(join(dataDir, OWNER_FILE), 'utf8').catch(() => '');
  const parsed = z.object({ pid: z.number().int().positive(), namespace: z.string() }).safeParse(JSON.parse(text || 'null'));
  return parsed.success ? parsed.data : null;
}

/** Locks `dataDir` for this process, or throws why not; returns the release (idempotent). */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = join(dataDir, LOCK_FILE);
  if (locksHeldHere.has(lockPath)) {
    throw new Error(`data folder in use: ${dataDir} is already open in this process (pid ${process.pid})`);
  }
  const namespace = pidNamespace();
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const release = await lockfile.lock(dataDir, {
        lockfilePath: lockPath,
        realpath: false,
        stale: LOCK_STALE_MS,
        update: LOCK_REFRESH_MS,
        // Someone else took the folder while we held it: writing on would lose data. Stop the process.
        onCompromised: (error) => {
          throw new Error(`the data folder lock ${lockPath} was lost (${error.message}); stopping so that two processes never write one folder`);
        },
      });
      await writeFile(join(dataDir, OWNER_FILE), JSON.stringify({ pid: process.pid, namespace } satisfies LockOwner));
      locksHeldHere.add(lockPath);
      let released: Promise<void> | undefined;
      const unlock = async () => {
        locksHeldHere.delete(lockPath);
        await rm(join(dataDir, OWNER_FILE), { force: true });
        await release();
      };
      return () => {
        released ??= unlock();
        return released;
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      const owner = await readOwner(dataDir);
      if (owner && owner.namespace === namespace && owner.namespace !== 'unknown') {
        // Our own pid in a lock we do not hold is a leftover from an earlier run (containers reuse pids).
        if (owner.pid !== process.pid && isAlive(owner.pid)) {
          throw new Error(`data folder in use by another process (pid ${owner.pid}): ${dataDir} (lock ${lockPath})`);
        }
        await rm(lockPath, { recursive: true, force: true }); // its process is gone (a crash): take over now
        continue;
      }
      throw new Error(
        `data folder in use by a process in another container or PID namespace: ${dataDir} (lock ${lockPath}, refreshed within the last ${LOCK_STALE_MS / 1000} s). Stop that process first; a lock left by a crash frees itself after ${LOCK_STALE_MS / 1000} s.`,
      );
    }
  }
  throw new Error(`Could not lock data folder ${dataDir}: the lock ${lockPath} keeps reappearing`);
}
