import { defaultModel } from '../../src/stories/model.js';
import { loadEcb, shuffled, clusterOrder, mean } from '../stories-ecb.js';
const docs = loadEcb();
const m = defaultModel();
const t0 = Date.now();
const rs = [1, 2, 3, 4, 5].map((s) => clusterOrder(shuffled(docs, s), m));
console.log('f1', mean(rs.map((r) => r.f1)).toFixed(3), 'p', mean(rs.map((r) => r.precision)).toFixed(3), 'r', mean(rs.map((r) => r.recall)).toFixed(3), Date.now() - t0, 'ms');
