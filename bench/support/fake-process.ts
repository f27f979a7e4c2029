/**
 * A fake platform (Slack's Web API, the Bot Connector) in a child process of its own, for the
 * benchmarks: serving the apps' calls on the load generator's event loop would make its clock late.
 * One module is both sides: the parent forks it with the argument "serve" (startFakeProcess), and
 * the module's top level hands its fake to serveFakeProcess, which runs only in that child.
 *
 *   child → parent, once: { url }     parent → child: a question → child → parent: its answer
 *   parent → child: { stop: true }    the child stops its fake and exits
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface FakeProcess {
  url: string;
  /** Sends one question and waits for its answer (one at a time: answers come back in order). Closes over the child, so the handle may be spread. */
  ask<T>(question: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

/** Forks `moduleUrl` (its import.meta.url) as "serve" and returns its handle once the fake listens. */
export async function startFakeProcess(moduleUrl: string, name: string): Promise<FakeProcess> {
  const child = fork(fileURLToPath(moduleUrl), ['serve'], { execArgv: ['--import', 'tsx'] });
  // The exit listener goes with its answer: the parent polls many times a run.
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`${name} process exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        resolve(m as Record<string, unknown>);
      });
    });
  const { url } = (await next()) as { url: string };
  return {
    url,
    async ask<T>(question: Record<string, unknown>) {
      const reply = next();
      child.send(question);
      return (await reply) as unknown as T;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ stop: true });
      await exited;
    },
  };
}

/** The child's side: a started fake, how it answers a question, and how it stops. */
export interface ServedFake<Q> {
  url: string;
  answer(question: Q): unknown;
  stop(): Promise<void>;
}

/** In the forked child only (argument "serve"): starts the fake, reports its url, answers until told to stop. */
export function serveFakeProcess<Q>(start: () => Promise<ServedFake<Q>>): void {
  if (process.argv[2] !== 'serve') return;
  const serve = async () => {
    const fake = await start();
    process.on('message', (message: Q & { stop?: boolean }) => {
      if (message.stop) {
        void fake.stop().then(() => process.exit(0));
        return;
      }
      process.send?.(fake.answer(message));
    });
    process.send?.({ url: fake.url });
  };
  serve().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
