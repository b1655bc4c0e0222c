// Node side of `reactorhost bench wasi`: runs a WASI preview1 command module under node's built-in
// node:wasi (uvwasi), the way tests/guests/node/run.mjs does, and times it.
//
// Two modes:
//   node wasi.mjs --wasm PATH [--preopen GUEST=HOST]... [--env K=V]... --once -- ARGV...
//       one run with this process's stdio; exits with the guest's exit code (what
//       `reactorhost run` is compared with, process start included).
//   node wasi.mjs --wasm PATH [--preopen GUEST=HOST|GUEST=$SANDBOX]... --runs N --warmup W -- ARGV...
//       compiles the module once, then runs it W + N times in this process, each run with a fresh
//       WASI instance, a fresh empty directory for every $SANDBOX preopen, and stdout captured to
//       a temporary file. Prints one JSON object per line:
//         {"kind":"compile","ms":..,"version":"v20..","uvwasi":".."}
//         {"kind":"run","warmup":false,"ms":..,"exit":0,"stdout":".."}   ms = instantiate + _start
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { WASI } from 'node:wasi';

function parseArgs(argv) {
  const o = { wasm: null, preopens: [], env: {}, once: false, runs: 5, warmup: 1, args: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    switch (flag) {
      case '--wasm': o.wasm = value(); break;
      case '--preopen': {
        const v = value();
        const eq = v.indexOf('=');
        if (eq <= 0) throw new Error(`--preopen expects GUEST=HOST, got ${v}`);
        o.preopens.push([v.slice(0, eq), v.slice(eq + 1)]);
        break;
      }
      case '--env': {
        const v = value();
        const eq = v.indexOf('=');
        o.env[v.slice(0, eq)] = v.slice(eq + 1);
        break;
      }
      case '--once': o.once = true; break;
      case '--runs': o.runs = Number.parseInt(value(), 10); break;
      case '--warmup': o.warmup = Number.parseInt(value(), 10); break;
      case '--': o.args = argv.slice(i + 1); i = argv.length; break;
      default: throw new Error(`unknown option ${flag}`);
    }
  }
  if (!o.wasm) throw new Error('--wasm is required');
  return o;
}

function makePreopens(spec, sandboxes) {
  const preopens = {};
  for (const [guest, host] of spec) {
    if (host === '$SANDBOX') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-bench-node-'));
      sandboxes.push(dir);
      preopens[guest] = dir;
    } else {
      preopens[guest] = host;
    }
  }
  return preopens;
}

const o = parseArgs(process.argv.slice(2));
const bytes = fs.readFileSync(o.wasm);

if (o.once) {
  const sandboxes = [];
  const wasi = new WASI({ version: 'preview1', args: o.args, env: o.env, preopens: makePreopens(o.preopens, sandboxes), returnOnExit: true });
  const module = await WebAssembly.compile(bytes);
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  const code = wasi.start(instance);
  for (const dir of sandboxes) fs.rmSync(dir, { recursive: true, force: true });
  process.exitCode = code;
} else {
  let t0 = performance.now();
  const module = await WebAssembly.compile(bytes);
  const compileMs = performance.now() - t0;
  console.log(JSON.stringify({ kind: 'compile', ms: compileMs, version: process.version, uvwasi: process.versions.uvwasi }));
  for (let run = 0; run < o.warmup + o.runs; run++) {
    const sandboxes = [];
    const outPath = path.join(os.tmpdir(), `rh-bench-node-stdout-${process.pid}-${run}`);
    const out = fs.openSync(outPath, 'w+');
    const wasi = new WASI({
      version: 'preview1', args: o.args, env: o.env, preopens: makePreopens(o.preopens, sandboxes),
      stdout: out, returnOnExit: true,
    });
    t0 = performance.now();
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    const code = wasi.start(instance);
    const ms = performance.now() - t0;
    fs.closeSync(out);
    const stdout = fs.readFileSync(outPath, 'utf8');
    fs.rmSync(outPath, { force: true });
    for (const dir of sandboxes) fs.rmSync(dir, { recursive: true, force: true });
    console.log(JSON.stringify({ kind: 'run', warmup: run < o.warmup, ms, exit: code, stdout }));
  }
}
