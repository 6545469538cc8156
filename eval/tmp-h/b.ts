import { benchStories } from '../../bench/stories-bench.js';
console.log(JSON.stringify(benchStories([Number(process.argv[2] ?? 20000)])));
