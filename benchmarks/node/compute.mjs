// Node/V8 side of the ReactorHost compute benchmark.
//
// Loads benchmarks/guests/compute.wasm (no imports) with WebAssembly.instantiate, warms each
// kernel up, times N runs and prints one JSON object per line:
//   {"engine":"node","kind":"load","ms":..}                          compile + instantiate + first call
//   {"engine":"node","kernel":"fnv1a","arg":64,"first_ms":..,"runs":[..],"median_ms":..,"min_ms":..,"checksum":..}
// Checksums are unsigned 32-bit integers (the kernels return i32; >>> 0 makes them unsigned).
//
// Usage: node compute.mjs [--wasm PATH] [--kernel NAME]... [--runs N] [--warmup N] [--arg NAME=VALUE]...
// Defaults come from benchmarks/guests/compute.json.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const here = dirname(fileURLToPath(import.meta.url));
const guests = resolve(here, '..', 'guests');

function parseArgs(argv) {
  const options = { wasm: null, kernels: [], runs: 10, warmup: 3, args: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    switch (flag) {
      case '--wasm': options.wasm = value(); break;
      case '--kernel': options.kernels.push(value()); break;
      case '--runs': options.runs = positiveInt(flag, value()); break;
      case '--warmup': options.warmup = nonNegativeInt(flag, value()); break;
      case '--arg': {
        const [name, n] = value().split('=');
        options.args.set(name, nonNegativeInt(flag, n));
        break;
      }
      default: throw new Error(`unknown option ${flag}`);
    }
  }
  return options;
}

function nonNegativeInt(flag, text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag}: expected a non-negative integer, got ${text}`);
  return n;
}

function positiveInt(flag, text) {
  const n = nonNegativeInt(flag, text);
  if (n === 0) throw new Error(`${flag}: expected a positive integer`);
  return n;
}

function median(sorted) {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round3 = (x) => Math.round(x * 1000) / 1000;

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const manifest = JSON.parse(await readFile(join(guests, 'compute.json'), 'utf8'));
  const wasmPath = options.wasm ?? join(guests, manifest.module);
  const bytes = await readFile(wasmPath);

  let kernels = manifest.kernels;
  if (options.kernels.length > 0) {
    kernels = options.kernels.map((name) => {
      const k = manifest.kernels.find((x) => x.name === name);
      if (!k) throw new Error(`unknown kernel ${name}`);
      return k;
    });
  }

  // Load -> first call: compile, instantiate and run the cheapest call (fib(1)) once.
  const loadStart = performance.now();
  const { instance } = await WebAssembly.instantiate(bytes, {});
  instance.exports.fib(1);
  const loadMs = performance.now() - loadStart;
  console.log(JSON.stringify({ engine: 'node', kind: 'load', ms: round3(loadMs), version: process.version }));

  for (const kernel of kernels) {
    const fn = instance.exports[kernel.name];
    if (typeof fn !== 'function') throw new Error(`module has no export ${kernel.name}`);
    const arg = options.args.get(kernel.name) ?? kernel.arg;
    const firstStart = performance.now();
    const checksum = fn(arg) >>> 0; // first call, also a warm-up
    const firstMs = performance.now() - firstStart;
    for (let i = 1; i < options.warmup; i++) fn(arg);
    const runs = [];
    for (let i = 0; i < options.runs; i++) {
      const start = performance.now();
      const result = fn(arg) >>> 0;
      runs.push(performance.now() - start);
      if (result !== checksum) throw new Error(`${kernel.name}: checksum changed between runs (${checksum} vs ${result})`);
    }
    const sorted = [...runs].sort((a, b) => a - b);
    console.log(JSON.stringify({
      engine: 'node',
      kernel: kernel.name,
      arg,
      first_ms: round3(firstMs),
      runs: runs.map(round3),
      median_ms: round3(median(sorted)),
      min_ms: round3(sorted[0]),
      checksum,
    }));
  }
}

main().catch((error) => {
  console.error(`compute.mjs: ${error.message}`);
  process.exit(1);
});
