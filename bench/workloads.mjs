// The fixed workloads every engine runs: generated deterministically, written as files that the
// native harness (crates/asl-bench), the browser page and the Node peers all read.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { flakyAnswer } from './flaky.mjs';

/** A Map over 10,000 items, each going Pass → Choice → Pass (30,001 states). */
function mapOf10k() {
  const definition = {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: {
          StartAt: 'Tag',
          States: {
            Tag: { Type: 'Pass', Parameters: { 'n.$': '$.n', kind: 'item' }, Next: 'IsBig' },
            IsBig: {
              Type: 'Choice',
              Choices: [{ Variable: '$.n', NumericGreaterThan: 5000, Next: 'Big' }],
              Default: 'Small',
            },
            Big: { Type: 'Pass', Result: 'big', ResultPath: '$.size', End: true },
            Small: { Type: 'Pass', Result: 'small', ResultPath: '$.size', End: true },
          },
        },
        ResultSelector: { 'count.$': 'States.ArrayLength($)', 'last.$': '$[9999]' },
        End: true,
      },
    },
  };
  const items = Array.from({ length: 10_000 }, (_, n) => ({ n }));
  return { definition, input: { items } };
}

/** A 1,000-turn loop around a Task with a Retry and a Catch (about 4,700 states, 1,000 retries,
 * 333 catches). */
function retryLoop() {
  const turns = 1000;
  const definition = {
    StartAt: 'Init',
    States: {
      Init: { Type: 'Pass', Result: { turn: 0, failures: 0 }, Next: 'Work' },
      Work: {
        Type: 'Task',
        Resource: 'arn:aws:lambda:us-east-1:123456789012:function:flaky',
        Parameters: { 'turn.$': '$.turn' },
        Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1, MaxAttempts: 1, BackoffRate: 1 }],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Recover' }],
        ResultPath: '$.work',
        Next: 'Count',
      },
      Recover: {
        Type: 'Pass',
        Parameters: { 'turn.$': '$.turn', 'failures.$': 'States.MathAdd($.failures, 1)' },
        Next: 'Count',
      },
      Count: {
        Type: 'Pass',
        Parameters: { 'turn.$': 'States.MathAdd($.turn, 1)', 'failures.$': '$.failures' },
        Next: 'More',
      },
      More: {
        Type: 'Choice',
        Choices: [{ Variable: '$.turn', NumericLessThan: turns, Next: 'Work' }],
        Default: 'Done',
      },
      Done: { Type: 'Succeed' },
    },
  };
  // Step Functions Local's MockConfigFile: one response per invocation of Work, in order.
  const responses = {};
  let invocation = 0;
  for (let turn = 0; turn < turns; turn++) {
    for (let attempt = 0; attempt <= Math.min(turn % 3, 1); attempt++) {
      const answer = flakyAnswer(turn, attempt);
      responses[String(invocation++)] = answer.error
        ? { Throw: { Error: answer.error, Cause: answer.cause } }
        : { Return: answer.value };
    }
  }
  const mocks = {
    StateMachines: { Bench: { TestCases: { Flaky: { Work: 'Flaky' } } } },
    MockedResponses: { Flaky: responses },
  };
  return { definition, input: {}, mocks };
}

/** An order book of about `bytes` bytes. */
export function orders(bytes) {
  const list = [];
  let size = 0;
  const statuses = ['NEW', 'PAID', 'SHIPPED', 'RETURNED'];
  for (let i = 0; size < bytes; i++) {
    const lines = Array.from({ length: 1 + (i % 4) }, (_, j) => ({
      sku: `SKU-${String((i * 7 + j) % 100000).padStart(6, '0')}`,
      qty: 1 + ((i + j) % 5),
      price: ((i * 37 + j * 11) % 1000) / 4,
    }));
    const order = {
      id: `A-${i}`,
      status: statuses[i % 4],
      customer: { name: `Customer ${i % 997}`, tier: i % 10 === 0 ? 'gold' : 'standard' },
      lines,
      total: lines.reduce((sum, l) => sum + l.qty * l.price, 0),
    };
    size += JSON.stringify(order).length + 1;
    list.push(order);
  }
  return { orders: list };
}

/** A realistic definition of at least `lines` pretty-printed lines: Tasks with templates,
 * intrinsics, Retry and Catch, Choices, a Parallel and a Map (as the criterion bench's). */
export function definitionOfLines(lines) {
  const states = {};
  for (let i = 0; ; i++) {
    const next = `Step${i + 1}`;
    states[`Step${i}`] = [
      {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: {
          FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:work:live',
          Payload: { 'id.$': '$.id', 'label.$': "States.Format('item {}', $.id)", 'all.$': '$.items[*].name' },
        },
        ResultSelector: { 'value.$': '$.Payload.value' },
        ResultPath: '$.result',
        Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 3 }],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }],
        Next: next,
      },
      {
        Type: 'Choice',
        Choices: [
          { And: [{ Variable: '$.result.value', IsPresent: true }, { Variable: '$.result.value', NumericGreaterThan: 10 }], Next: next },
          { Variable: '$.kind', StringMatches: 'order-*', Next: next },
        ],
        Default: next,
      },
      {
        Type: 'Parallel',
        Branches: [
          { StartAt: `B${i}a`, States: { [`B${i}a`]: { Type: 'Pass', Result: { ok: true }, End: true } } },
          { StartAt: `B${i}b`, States: { [`B${i}b`]: { Type: 'Wait', Seconds: 1, End: true } } },
        ],
        ResultPath: '$.branches',
        Next: next,
      },
      {
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: 4,
        ItemSelector: { 'item.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' },
        ItemProcessor: { StartAt: `M${i}`, States: { [`M${i}`]: { Type: 'Pass', End: true } } },
        ResultPath: '$.mapped',
        Next: next,
      },
    ][i % 4];
    const text = JSON.stringify(
      { StartAt: 'Step0', States: { ...states, [next]: { Type: 'Succeed' }, Failed: { Type: 'Fail', Error: 'Failed' } } },
      null,
      2,
    );
    if (text.split('\n').length >= lines) return text;
  }
}

/** Every workload, described by a manifest; the files sit beside it in `dir`. */
export function writeWorkloads(dir) {
  mkdirSync(dir, { recursive: true });
  const write = (name, value) =>
    writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value, null, 1));
  const map = mapOf10k();
  write('map.asl.json', map.definition);
  write('map.input.json', map.input);
  const retry = retryLoop();
  write('retry.asl.json', retry.definition);
  write('retry.input.json', retry.input);
  write('retry.mocks.json', retry.mocks);
  write('document.json', JSON.stringify(orders(10 * 1024 * 1024)));
  write('small.json', JSON.stringify(orders(100 * 1024)));
  write('definition-1000.asl.json', definitionOfLines(1000));
  write('definition-300.asl.json', definitionOfLines(300));
  const manifest = {
    executions: [
      { id: 'Map of 10,000 items (Pass → Choice → Pass)', definition: 'map.asl.json', input: 'map.input.json', type: 'EXPRESS' },
      {
        id: '1,000-turn Retry/Catch loop',
        definition: 'retry.asl.json',
        input: 'retry.input.json',
        mocks: 'retry.mocks.json',
        testCase: 'Flaky',
        type: 'STANDARD',
      },
    ],
    jsonpath: {
      document: 'document.json',
      queries: [
        { id: 'filter', path: '$.orders[?(@.total > 500)].id' },
        { id: 'recursive descent', path: '$..sku' },
        { id: 'slice', path: '$.orders[1000:3000:4].customer' },
      ],
    },
    jsonata: {
      input: 'small.json',
      expressions: [
        { id: 'field', expression: '$states.input.orders[5].customer.name' },
        { id: 'filter', expression: "$states.input.orders[status = 'SHIPPED' and total > 300].id" },
        { id: 'sum of a mapped path', expression: '$sum($states.input.orders.(total * 2))' },
        { id: 'object per item', expression: "$states.input.orders[customer.tier = 'gold'].{'id': id, 'lines': $count(lines)}" },
        { id: 'string join', expression: "$join($states.input.orders[[0..49]].id, ',')" },
      ],
    },
    validation: [{ id: 'validate a 1,000-line definition', definition: 'definition-1000.asl.json' }],
    page: { definition: 'definition-300.asl.json' },
  };
  write('manifest.json', manifest);
  return manifest;
}
