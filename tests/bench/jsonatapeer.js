#!/usr/bin/env node
// jsonatapeer.js JSONATA_DIR DEF.json INPUT.json [--runs N]
// The peer stepwise-bench compares a JSONata workload with: the reference jsonata
// implementation (JSONATA_DIR, the package directory) evaluating the workload's expressions
// in the order the workload runs them. Every expression is compiled once, before timing;
// each run walks the machine from StartAt with the input (Pass, Choice, Succeed and Fail
// states: Output, Assign and Condition, with $states.input and the variables bound).
// Prints one JSON line:
//   {"status":"SUCCEEDED","transitions":T,"evaluations":E,"runsMs":[...],"medianMs":M}
// or {"status":"UNSUPPORTED","reason":...} for a machine it cannot walk (exit 1).
'use strict';
const fs = require('fs');

const args = process.argv.slice(2);
let runs = 5;
const pos = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs' && i + 1 < args.length) runs = Math.max(1, parseInt(args[++i], 10) || 1);
  else pos.push(args[i]);
}
if (pos.length < 3) {
  console.error('usage: jsonatapeer.js JSONATA_DIR DEF.json INPUT.json [--runs N]');
  process.exit(1);
}
const jsonata = require(pos[0]);
const def = JSON.parse(fs.readFileSync(pos[1], 'utf8'));
const input = JSON.parse(fs.readFileSync(pos[2], 'utf8'));

function unsupported(reason) {
  console.log(JSON.stringify({ status: 'UNSUPPORTED', reason }));
  process.exit(1);
}

// A field's value compiled: constants stay as they are, "{% e %}" strings become expressions.
function compileTemplate(value) {
  if (typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}') && value.length >= 4)
    return { expr: jsonata(value.slice(2, -2)) };
  if (Array.isArray(value)) return { array: value.map(compileTemplate) };
  if (value !== null && typeof value === 'object') {
    return { object: Object.entries(value).map(([k, v]) => [k, compileTemplate(v)]) };
  }
  return { constant: value };
}

const counter = { evaluations: 0 };
async function evaluate(t, bindings) {
  if (t.expr) {
    counter.evaluations++;
    return t.expr.evaluate(null, bindings);
  }
  if (t.array) {
    const out = [];
    for (const item of t.array) out.push(await evaluate(item, bindings));
    return out;
  }
  if (t.object) {
    const out = {};
    for (const [k, v] of t.object) out[k] = await evaluate(v, bindings);
    return out;
  }
  return t.constant;
}

if (def.QueryLanguage !== 'JSONata') unsupported('the machine is not in JSONata mode');
const states = {};
for (const [name, s] of Object.entries(def.States || {})) {
  const c = { type: s.Type, next: s.Next, end: !!s.End };
  if (!['Pass', 'Choice', 'Succeed', 'Fail'].includes(s.Type)) unsupported(`state ${name} is a ${s.Type}`);
  if (s.Output !== undefined) c.output = compileTemplate(s.Output);
  if (s.Assign !== undefined) c.assign = compileTemplate(s.Assign);
  if (s.Type === 'Choice') {
    c.choices = (s.Choices || []).map((r) => ({
      condition: compileTemplate(r.Condition),
      next: r.Next,
      output: r.Output !== undefined ? compileTemplate(r.Output) : undefined,
      assign: r.Assign !== undefined ? compileTemplate(r.Assign) : undefined,
    }));
    c.default = s.Default;
  }
  states[name] = c;
}

async function runOnce() {
  let name = def.StartAt;
  let value = input;
  let variables = {};
  let transitions = 0;
  for (;;) {
    const s = states[name];
    if (!s) return { status: 'FAILED', transitions };
    transitions++;
    const bindings = Object.assign({}, variables, { states: { input: value } });
    let next = s.next;
    let output = s.output, assign = s.assign;
    if (s.type === 'Choice') {
      next = s.default;
      for (const rule of s.choices) {
        if (await evaluate(rule.condition, bindings)) {
          next = rule.next;
          output = rule.output;
          assign = rule.assign;
          break;
        }
      }
      if (next === undefined) return { status: 'FAILED', transitions };
    }
    if (s.type === 'Fail') return { status: 'FAILED', transitions };
    const assigned = assign ? await evaluate(assign, bindings) : undefined;
    value = output ? await evaluate(output, bindings) : value;
    if (assigned) variables = Object.assign({}, variables, assigned);
    if (s.type === 'Succeed' || s.end) return { status: 'SUCCEEDED', transitions };
    name = next;
  }
}

(async () => {
  const runsMs = [];
  let last;
  for (let r = 0; r < runs; r++) {
    counter.evaluations = 0;
    const start = process.hrtime.bigint();
    last = await runOnce();
    runsMs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  console.log(JSON.stringify({
    status: last.status,
    transitions: last.transitions,
    evaluations: counter.evaluations,
    runsMs,
    medianMs: sorted[Math.floor(sorted.length / 2)],
  }));
})().catch((e) => {
  console.log(JSON.stringify({ status: 'ERROR', reason: String(e && e.message ? e.message : e) }));
  process.exit(2);
});
