// One contract for every chat platform: send a command or a mention, read what was delivered and whether only
// the caller could see it. The contract suite runs the same scenarios through each harness.
import { isDeepStrictEqual } from 'node:util';
import type { Caller } from '../../src/core/caller.js';
import type { RawOptions } from '../../src/core/options.js';
import type { Reply } from '../../src/core/reply.js';
import { lostWords } from '../hardening/payload-checks.js';

export interface Delivery {
  /** Each delivered message's body as the platform received it, reduced to what the renderer controls. */
  bodies: unknown[];
  /** All the text each message shows. */
  texts: string[];
  /** Per message: visible to the caller only. null where the platform has no private replies (the console). */
  private: Array<boolean | null>;
  /** What went wrong on the way: a refused call, a breached limit, a mention left live, a wrong defer. */
  problems: string[];
}

export interface PlatformHarness {
  readonly name: string;
  /** The caller this platform reports for the test user, so the bot's own answer can be computed. */
  readonly caller: Caller;
  /** Options arrive typed (Discord) or as the text typed after the command (Slack, the console). */
  readonly options: 'typed' | 'text';
  readonly privateReplies: boolean;
  /** The bodies this platform's renderer makes of a reply: what a delivery must equal. */
  render(reply: Reply): unknown[];
  /** Sends a command and waits for `messages` delivered messages. */
  command(name: string, options: RawOptions, messages: number): Promise<Delivery>;
  mention(text: string, messages: number): Promise<Delivery>;
  close(): Promise<void>;
}

/** Options as a person types them: `length:short speaker:"Person 1"`. */
export function optionsText(options: RawOptions): string {
  return Object.entries(options)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (/\s/.test(String(v)) ? `${k}:"${String(v)}"` : `${k}:${String(v)}`))
    .join(' ');
}

/** Bodies as they travel: JSON, so an undefined field in a rendered object compares as absent. */
export const wire = (bodies: unknown[]): unknown[] => JSON.parse(JSON.stringify(bodies)) as unknown[];

export interface Expectation {
  /** Text every platform must show (choose words no platform escapes). */
  contains: readonly string[];
  /** Only the caller may see the answer. */
  private: boolean;
}

/** Every way a delivery breaks the contract; empty when it holds. */
export function contractFailures(
  want: Expectation,
  expected: Reply,
  rendered: unknown[],
  got: Delivery,
  privateReplies: boolean,
): string[] {
  const failures = [...got.problems];
  if (Boolean(expected.ephemeral) !== want.private)
    failures.push(
      `the bot's own reply is ${expected.ephemeral ? 'private' : 'public'}, the scenario says ${want.private ? 'private' : 'public'}`,
    );
  if (got.bodies.length !== rendered.length)
    failures.push(`${got.bodies.length} messages delivered, the renderer made ${rendered.length}`);
  got.bodies.forEach((body, i) => {
    if (!isDeepStrictEqual(body, rendered[i]))
      failures.push(`message ${i} differs from the renderer's: ${JSON.stringify(body).slice(0, 200)}`);
  });
  if (privateReplies) {
    got.private.forEach((p, i) => {
      if (p !== want.private)
        failures.push(`message ${i} is ${p ? 'private' : 'public'}, expected ${want.private ? 'private' : 'public'}`);
    });
  }
  const shown = got.texts.join('\n');
  for (const text of want.contains) if (!shown.includes(text)) failures.push(`"${text}" is not in what was delivered`);
  failures.push(...lostWords(expected, got.texts));
  return failures;
}
