// `npm run train:quotes`: fits the speaker ranker on PolNeAR train (placeholder until the ranker lands: the rules need no fitting).
import { pipelineExtractor, type Article, type Extractor } from './quotes-eval.js';

/** The extractor for a cross-validation fold, fitted on `train` only. */
export function cvExtractor(_fold: number, _train: Article[]): Extractor {
  return pipelineExtractor;
}
