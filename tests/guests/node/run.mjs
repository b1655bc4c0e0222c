#!/usr/bin/env node
// Runs the test guests listed in ../guests.json under node's built-in WASI (preview1) and checks
// each one's exit code, trap expectation and stdout against the manifest.
//
//   node tests/guests/node/run.mjs --all            run every guest, print a summary
//   node tests/guests/node/run.mjs NAME [NAME...]   run the named guests
//   node tests/guests/node/run.mjs --list           list guest names
//   add --verbose to print each guest's stdout/stderr
//
// Every guest runs in a child node process (so a trap or a proc_exit cannot disturb the runner)
// with a fresh, empty temporary directory preopened at the guest path "/sandbox".
// Checks that node is known to get wrong (see "nodeExpectedFailures" in guests.json) are
// expected to print "FAIL <name>: ..." under node; every other check must print "ok <name>".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const guestsDir = path.resolve(here, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(guestsDir, 'guests.json'), 'utf8'));
const TRAP_EXIT = 222;
const TRAP_MARKER = '__GUEST_TRAPPED__';

function findGuest(name) {
  const g = manifest.guests.find((x) => x.name === name);
  if (!g) throw new Error(`unknown guest ${name}`);
  return g;
}

function resolvePreopens(guest, sandbox) {
  const preopens = {};
  for (const [guestPath, hostPath] of Object.entries(guest.preopens ?? {})) {
    preopens[guestPath] = hostPath === '$SANDBOX' ? sandbox : path.resolve(guestsDir, hostPath);
  }
  return preopens;
}

// Child mode: instantiate and run one guest on this process's stdio.
async function runChild(name, sandbox) {
  const { WASI } = await import('node:wasi');
  const guest = findGuest(name);
  const wasi = new WASI({
    version: 'preview1',
    args: guest.args,
    env: guest.env ?? {},
    preopens: resolvePreopens(guest, sandbox),
    returnOnExit: true,
  });
  const module = await WebAssembly.compile(fs.readFileSync(path.join(guestsDir, guest.wasm)));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  let code;
  try {
    code = wasi.start(instance);
  } catch (e) {
    process.stderr.write(`${TRAP_MARKER} ${e && e.constructor ? e.constructor.name : ''}: ${e && e.message}\n`);
    process.exitCode = TRAP_EXIT;
    return;
  }
  process.exitCode = code;
}

function checkStdout(guest, stdout, problems) {
  const spec = guest.stdout ?? { mode: 'allOk' };
  if (spec.mode === 'exact' || spec.mode === 'exactRepeat') {
    const want = spec.mode === 'exact' ? spec.text : spec.text.repeat(spec.count);
    if (stdout !== want) problems.push(`stdout differs: got ${JSON.stringify(stdout.slice(0, 300))} (${stdout.length} chars), want ${JSON.stringify(want.slice(0, 300))} (${want.length} chars)`);
    return { nodeFailuresSeen: 0 };
  }
  if (spec.mode === 'exact') {
    if (stdout !== spec.text) problems.push(`stdout differs: got ${JSON.stringify(stdout)}, want ${JSON.stringify(spec.text)}`);
    return { nodeFailuresSeen: 0 };
  }
  if (spec.mode === 'allOk') {
    const expectedFail = new Set(guest.nodeExpectedFailures ?? []);
    const lines = stdout.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    if (lines.length === 0) problems.push('no output lines');
    let nodeFailuresSeen = 0;
    const seen = new Set();
    for (const line of lines) {
      let m;
      if ((m = /^ok (\S+)$/.exec(line))) {
        seen.add(m[1]);
        if (expectedFail.has(m[1])) problems.push(`listed in nodeExpectedFailures but passed: ${m[1]}`);
      } else if ((m = /^FAIL (\S+): /.exec(line))) {
        seen.add(m[1]);
        if (expectedFail.has(m[1])) nodeFailuresSeen++;
        else problems.push(`unexpected failure: ${line}`);
      } else {
        problems.push(`line is neither ok nor FAIL: ${JSON.stringify(line)}`);
      }
    }
    for (const name of expectedFail) if (!seen.has(name)) problems.push(`nodeExpectedFailures entry never reported: ${name}`);
    if (guest.minChecks && lines.length < guest.minChecks) problems.push(`only ${lines.length} checks, want >= ${guest.minChecks}`);
    return { nodeFailuresSeen, checks: lines.length };
  }
  if (spec.mode === 'regex') {
    if (!new RegExp(spec.pattern).test(stdout)) problems.push(`stdout ${JSON.stringify(stdout)} does not match /${spec.pattern}/`);
    return { nodeFailuresSeen: 0 };
  }
  problems.push(`unknown stdout mode ${spec.mode}`);
  return { nodeFailuresSeen: 0 };
}

function stdinOf(guest) {
  if (guest.stdinRepeat) return guest.stdinRepeat.text.repeat(guest.stdinRepeat.count);
  return guest.stdin ?? '';
}

function runOne(guest, verbose) {
  const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), `guest-${guest.name}-`));
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--no-warnings', fileURLToPath(import.meta.url), '--child', guest.name, sandbox], {
    input: stdinOf(guest),
    encoding: 'utf8',
    timeout: (guest.nodeBroken ? guest.nodeBroken.timeoutSeconds ?? 10 : guest.timeoutSeconds ?? 120) * 1000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  fs.rmSync(sandbox, { recursive: true, force: true });
  const problems = [];
  if (guest.nodeBroken) {
    // node is known to hang or crash on this guest: confirm the bug is still there so the
    // manifest stays honest, but do not judge the guest's output.
    const broken = r.error || r.signal || (r.status !== (guest.exitCode ?? 0));
    if (!broken) problems.push(`nodeBroken says node ${guest.nodeBroken.outcome}s here, but it exited ${r.status}: remove the entry?`);
    if (verbose || problems.length) process.stdout.write(`--- ${guest.name} stdout ---\n${r.stdout}--- ${guest.name} stderr ---\n${r.stderr}`);
    return { problems, ms, nodeFailuresSeen: 0, knownBroken: !problems.length };
  }
  if (r.error) problems.push(`spawn: ${r.error.message}`);
  const trapped = r.status === TRAP_EXIT && r.stderr.includes(TRAP_MARKER);
  const stdoutInfo = checkStdout(guest, r.stdout ?? '', problems);
  if (guest.trap) {
    if (!trapped) problems.push(`expected a trap, got exit ${r.status}`);
  } else if (trapped) {
    problems.push(`unexpected trap: ${r.stderr.trim()}`);
  } else {
    // A guest whose only failures are node's known deviations exits 1 under node.
    const want = stdoutInfo.nodeFailuresSeen > 0 ? 1 : guest.exitCode ?? 0;
    if (r.status !== want) problems.push(`exit code ${r.status}${r.signal ? ` (signal ${r.signal})` : ''}, want ${want}`);
  }
  if (guest.stderr && !new RegExp(guest.stderr).test(r.stderr)) problems.push(`stderr does not match /${guest.stderr}/`);
  if (verbose || problems.length) {
    process.stdout.write(`--- ${guest.name} stdout ---\n${r.stdout}--- ${guest.name} stderr ---\n${r.stderr}`);
  }
  return { problems, ms, nodeFailuresSeen: stdoutInfo.nodeFailuresSeen, checks: stdoutInfo.checks };
}

// Which wasi_snapshot_preview1 functions each built guest imports, against the witx list.
function printCoverage() {
  // guests.json "wasiFunctions" is the witx list; --witx FILE re-derives it from a witx file.
  const witxArg = process.argv.indexOf('--witx');
  const all = witxArg > 0
    ? [...fs.readFileSync(process.argv[witxArg + 1], 'utf8').matchAll(/\(@interface func \(export "([a-z_]+)"\)/g)].map((m) => m[1]).sort()
    : [...manifest.wasiFunctions].sort();
  const byWasm = new Map();
  for (const g of manifest.guests) {
    if (byWasm.has(g.wasm)) continue;
    const mod = new WebAssembly.Module(fs.readFileSync(path.join(guestsDir, g.wasm)));
    byWasm.set(g.wasm, new Set(WebAssembly.Module.imports(mod).filter((i) => i.module === 'wasi_snapshot_preview1').map((i) => i.name)));
  }
  let missing = 0;
  for (const fn of all) {
    const users = [...byWasm].filter(([, set]) => set.has(fn)).map(([w]) => path.basename(w, '.wasm'));
    if (!users.length) missing++;
    console.log(`| ${fn} | ${users.join(', ') || '**none**'} |`);
  }
  console.log(`\n${all.length - missing}/${all.length} witx functions imported by at least one guest`);
  process.exitCode = missing ? 1 : 0;
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return runChild(argv[1], argv[2]);
  if (argv.includes('--coverage')) return printCoverage();
  if (argv.includes('--list')) {
    for (const g of manifest.guests) console.log(g.name);
    return;
  }
  const verbose = argv.includes('--verbose');
  const names = argv.filter((a) => !a.startsWith('--'));
  const guests = argv.includes('--all') || names.length === 0 ? manifest.guests : names.map(findGuest);
  let failed = 0;
  let knownBrokenCount = 0;
  for (const g of guests) {
    const { problems, ms, nodeFailuresSeen, checks, knownBroken } = runOne(g, verbose);
    const extra = [checks !== undefined ? `${checks} checks` : null, nodeFailuresSeen ? `${nodeFailuresSeen} known node deviations` : null]
      .filter(Boolean).join(', ');
    if (problems.length) {
      failed++;
      console.log(`FAIL ${g.name} (${ms.toFixed(0)} ms)`);
      for (const p of problems) console.log(`    ${p}`);
    } else if (knownBroken) {
      knownBrokenCount++;
      console.log(`KNOWN-NODE-BUG ${g.name} (${ms.toFixed(0)} ms): node ${g.nodeBroken.outcome}s as recorded: ${g.nodeBroken.reason}`);
    } else {
      console.log(`PASS ${g.name} (${ms.toFixed(0)} ms${extra ? `, ${extra}` : ''})`);
    }
  }
  console.log(`\n${guests.length - failed - knownBrokenCount}/${guests.length} guests passed, ${knownBrokenCount} known node bugs reproduced, ${failed} failed, under node ${process.version} (uvwasi ${process.versions.uvwasi})`);
  process.exitCode = failed ? 1 : 0;
}

await main();
