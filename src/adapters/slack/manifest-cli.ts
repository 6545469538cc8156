// `npm run manifest` writes slack-manifest.json from the registry (Socket Mode, no prefix: the committed file).
// Flags make a manifest for one workspace instead:
//   --name NAME           app and bot name (default briefbot)
//   --prefix bb           register /bb-summary etc. (SLACK_COMMAND_PREFIX)
//   --request-url URL     HTTP mode: https://your.host/slack/events (turns Socket Mode off)
//   --out FILE | --out -  where to write (default slack-manifest.json; - is stdout)
//   --check               exit 1 if the file differs from what would be generated
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { commands } from '../../../commands/index.js';
import { buildManifest, manifestJson, manifestProblems } from './manifest.js';

function main(): number {
  let args;
  try {
    args = parseArgs({
      options: {
        name: { type: 'string' },
        prefix: { type: 'string' },
        'request-url': { type: 'string' },
        out: { type: 'string', default: 'slack-manifest.json' },
        check: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`manifest: ${(error as Error).message}`);
    return 2;
  }
  if (args.prefix !== undefined && !/^[a-z0-9_-]{1,20}$/.test(args.prefix)) {
    console.error('manifest: --prefix must be 1-20 lower-case letters, digits, - or _');
    return 2;
  }
  const requestUrl = args['request-url'];
  if (requestUrl !== undefined && !/^https:\/\/\S+$/.test(requestUrl)) {
    console.error('manifest: --request-url must be an https:// URL, e.g. https://bot.example.com/slack/events');
    return 2;
  }
  const manifest = buildManifest(commands, { name: args.name, prefix: args.prefix, requestUrl });
  const problems = manifestProblems(manifest);
  if (problems.length) {
    console.error(`manifest: Slack would reject this manifest:\n- ${problems.join('\n- ')}`);
    return 1;
  }
  const json = manifestJson(manifest);
  if (args.check) {
    let current = '';
    try {
      current = readFileSync(args.out, 'utf8');
    } catch {
      // A missing file differs like any other.
    }
    if (current === json) return 0;
    console.error(`manifest: ${args.out} is out of date; run npm run manifest`);
    return 1;
  }
  if (args.out === '-') process.stdout.write(json);
  else {
    writeFileSync(args.out, json);
    console.error(`manifest: wrote ${args.out} (${manifest.features.slash_commands.length} commands)`);
  }
  return 0;
}

process.exitCode = main();
