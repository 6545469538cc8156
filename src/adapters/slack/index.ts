// PLACEHOLDER until the Slack adapter lands (issue 6): the contract app.ts relies on.
import type { Runtime } from '../../app.js';
import type { Adapter } from '../adapter.js';

export async function createSlackAdapter(_runtime: Runtime): Promise<Adapter> {
  throw new Error('The Slack adapter is not built yet');
}
