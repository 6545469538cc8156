// Where `npm run eval` writes its figures: eval/results/, which git ignores, so a run never rewrites a tracked
// file. The committed figures are the ones in the README.
import { fileURLToPath } from 'node:url';

export const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

/** The figures file of a run over `splits`; a tuning run (one split) keeps to its own file. */
export function resultsFile(splits: readonly string[]): string {
  const name = splits.length === 2 ? 'latest' : `latest-${splits[0]}`;
  return `${RESULTS_DIR}${name}.json`;
}
