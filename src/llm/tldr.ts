// The tldr a reply shows: the model's, when a writer is configured and its claims survive the checks, else the
// extractive one, saying why the model's was not used. Either way the reader can see where each word came from.
import type { Briefing } from '../briefing/types.js';
import { citedText, fallbackLine, provenanceLine } from './present.js';
import type { GroundedWriter, WriteFor } from './writer.js';

export interface ShownTldr {
  /** The text under "In brief". */
  text: string;
  /** "Summary written by <model>, checked against N sentences." when the model wrote it. */
  provenance?: string;
  /** The sentences the model's claims rest on, numbered as in its text ("[2] …"). */
  cited: string[];
  /** Why the extractive text is shown although a model is configured. */
  fallback?: string;
  /** For `--json`: who wrote the text, and against which sentence numbers it was checked. */
  data:
    | { by: 'extractive' }
    | { by: 'model'; model: string; sentences: number[]; dropped: number }
    | { by: 'extractive'; fallback: string };
}

export function extractiveTldr(briefing: Briefing): ShownTldr {
  return { text: briefing.summary.tldr, cited: [], data: { by: 'extractive' } };
}

/** Without a writer this is the extractive tldr, at once (no promise, no change). */
export function chooseTldr(
  writer: GroundedWriter | undefined,
  briefing: Briefing,
  asker?: WriteFor,
): ShownTldr | Promise<ShownTldr> {
  if (!writer || briefing.sentences.length === 0) return extractiveTldr(briefing);
  return writer.tldr(briefing, asker).then((written): ShownTldr => {
    if (written.kind === 'fallback') {
      const line = fallbackLine(written);
      return { ...extractiveTldr(briefing), fallback: line, data: { by: 'extractive', fallback: written.reason } };
    }
    return {
      text: citedText(written),
      provenance: provenanceLine(written),
      cited: written.cited.map((i) => `[${i + 1}] ${briefing.sentences[i]!.text}`),
      data: {
        by: 'model',
        model: written.model,
        sentences: written.cited.map((i) => i + 1),
        dropped: written.dropped.length,
      },
    };
  });
}
