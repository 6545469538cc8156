import { runStoriesEval } from '../stories-eval.js';
console.log(JSON.stringify(runStoriesEval(), (k, v) => (k === 'perShuffle' ? (v as Array<{ f1: number }>).map((r) => r.f1) : v), 2));
