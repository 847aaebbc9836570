// The JavaScript SDK v3 (@aws-sdk/client-sfn) against `stepwise-cli serve`: every operation,
// TestState with a mock and a stateConfiguration, with `disableHostPrefix: true` for the
// operations AWS sends to the "sync-" host.
// usage: node jssdk_client.cjs STEPWISE_CLI EXAMPLES_DIR NODE_MODULES_DIR
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const readline = require('readline');

const [cli, examples, modules] = process.argv.slice(2);
const sfnModule = require(path.join(modules, '@aws-sdk/client-sfn'));
const ROLE = 'arn:aws:iam::123456789012:role/StepwiseTest';
let passed = 0;
let failed = 0;

function check(ok, what) {
    if (ok) {
        passed++;
        console.log('ok   ' + what);
    } else {
        failed++;
        console.log('FAIL ' + what);
    }
}

function startServer(data) {
    return new Promise((resolve, reject) => {
        const proc = spawn(cli, ['serve', '--port', '0', '--data', data, '--activity-poll-seconds', '1']);
        const lines = readline.createInterface({ input: proc.stdout });
        let url = null;
        lines.on('line', (line) => {
            const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
            if (m) url = m[1];
            if (line.includes('Ctrl+C stops it')) resolve({ proc, url });
        });
        proc.on('exit', (code) => reject(new Error('serve exited with ' + code)));
        setTimeout(() => reject(new Error('serve did not start')), 30000);
    });
}

async function errorName(promise) {
    try {
        await promise;
        return null;
    } catch (e) {
        return e.name;
    }
}

async function waitDone(sfn, executionArn) {
    for (let i = 0; i < 150; i++) {
        const d = await sfn.send(new sfnModule.DescribeExecutionCommand({ executionArn }));
        if (d.status !== 'RUNNING') return d;
        await new Promise((r) => setTimeout(r, 200));
    }
    return null;
}

async function main() {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-js-'));
    const { proc, url } = await startServer(data);
    const sfn = new sfnModule.SFNClient({
        endpoint: url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDSTEPWISETEST', secretAccessKey: 'stepwise-test-secret' },
        disableHostPrefix: true,
        maxAttempts: 1,
    });
    const send = (name, input) => sfn.send(new sfnModule[name + 'Command'](input));
    try {
        const timer = fs.readFileSync(path.join(examples, 'timer.asl.json'), 'utf8');
        const timerInput = JSON.stringify({ timer_seconds: 0, topic: 'arn:aws:sns:us-east-1:123456789012:t', message: 'm' });
        const { stateMachineArn: machine } = await send('CreateStateMachine', {
            name: 'Timer', definition: timer, roleArn: ROLE, publish: true, versionDescription: 'v1',
        });
        check((await send('DescribeStateMachine', { stateMachineArn: machine })).definition === timer, 'CreateStateMachine, DescribeStateMachine');
        check((await send('ListStateMachines', {})).stateMachines.length === 1, 'ListStateMachines');
        const upd = await send('UpdateStateMachine', { stateMachineArn: machine, definition: timer.replace('Timer:', 'Timer 2:') });
        check(!!upd.revisionId, 'UpdateStateMachine');
        const { stateMachineVersionArn: v2 } = await send('PublishStateMachineVersion', { stateMachineArn: machine, description: 'v2' });
        check(v2 === machine + ':2', 'PublishStateMachineVersion');
        check((await send('ListStateMachineVersions', { stateMachineArn: machine })).stateMachineVersions.length === 2, 'ListStateMachineVersions');
        const { stateMachineAliasArn: alias } = await send('CreateStateMachineAlias', {
            name: 'live', routingConfiguration: [{ stateMachineVersionArn: machine + ':1', weight: 100 }],
        });
        check((await send('DescribeStateMachineAlias', { stateMachineAliasArn: alias })).name === 'live', 'CreateStateMachineAlias, DescribeStateMachineAlias');
        check((await send('ListStateMachineAliases', { stateMachineArn: machine })).stateMachineAliases.length === 1, 'ListStateMachineAliases');
        await send('UpdateStateMachineAlias', { stateMachineAliasArn: alias, description: 'production' });
        check((await send('DescribeStateMachineAlias', { stateMachineAliasArn: alias })).description === 'production', 'UpdateStateMachineAlias');
        await send('TagResource', { resourceArn: machine, tags: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] });
        await send('UntagResource', { resourceArn: machine, tagKeys: ['a'] });
        const tags = (await send('ListTagsForResource', { resourceArn: machine })).tags;
        check(tags.length === 1 && tags[0].key === 'b', 'TagResource, UntagResource, ListTagsForResource');
        const validation = await send('ValidateStateMachineDefinition', { definition: '{"StartAt": "Missing", "States": {}}' });
        check(validation.result === 'FAIL' && validation.diagnostics.length > 0, 'ValidateStateMachineDefinition');

        const { executionArn } = await send('StartExecution', { stateMachineArn: alias, input: timerInput, name: 'js-1' });
        const done = await waitDone(sfn, executionArn);
        check(done && done.status === 'SUCCEEDED' && done.stateMachineAliasArn === alias, 'StartExecution through an alias, DescribeExecution');
        check((await send('ListExecutions', { stateMachineArn: machine, statusFilter: 'SUCCEEDED' })).executions.length === 1, 'ListExecutions with a status filter');
        const history = await send('GetExecutionHistory', { executionArn, maxResults: 2 });
        check(history.events.length === 2 && !!history.nextToken, 'GetExecutionHistory pages');
        const rest = await send('GetExecutionHistory', { executionArn, nextToken: history.nextToken, includeExecutionData: false });
        check(rest.events.length === 7 && rest.events.every((e) => !(e.stateEnteredEventDetails || {}).input), 'GetExecutionHistory nextToken, includeExecutionData false');
        check((await send('DescribeStateMachineForExecution', { executionArn })).definition === timer, 'DescribeStateMachineForExecution');
        check(await errorName(send('RedriveExecution', { executionArn })) === 'ExecutionNotRedrivable', 'RedriveExecution of a succeeded execution');

        const approval = JSON.stringify({ StartAt: 'Wait for it', States: { 'Wait for it': {
            Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', HeartbeatSeconds: 30,
            Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', MessageBody: { 'token.$': '$$.Task.Token' } }, End: true } } });
        const { stateMachineArn: approvalArn } = await send('CreateStateMachine', { name: 'Approval', definition: approval, roleArn: ROLE });
        const tokens = [];
        for (const name of ['ok', 'no', 'stop']) {
            const { executionArn: arn } = await send('StartExecution', { stateMachineArn: approvalArn, name });
            let token = null;
            for (let i = 0; i < 50 && !token; i++) {
                const events = (await send('GetExecutionHistory', { executionArn: arn })).events;
                const scheduled = events.find((e) => e.type === 'TaskScheduled');
                if (scheduled) token = JSON.parse(scheduled.taskScheduledEventDetails.parameters).MessageBody.token;
                else await new Promise((r) => setTimeout(r, 100));
            }
            tokens.push({ arn, token });
        }
        await send('SendTaskHeartbeat', { taskToken: tokens[0].token });
        await send('SendTaskSuccess', { taskToken: tokens[0].token, output: '{"ok": true}' });
        await send('SendTaskFailure', { taskToken: tokens[1].token, error: 'No', cause: 'declined' });
        check((await waitDone(sfn, tokens[0].arn)).output === '{"ok":true}', 'SendTaskHeartbeat, SendTaskSuccess');
        check((await waitDone(sfn, tokens[1].arn)).error === 'No', 'SendTaskFailure');
        await send('StopExecution', { executionArn: tokens[2].arn, cause: 'test' });
        check((await send('DescribeExecution', { executionArn: tokens[2].arn })).status === 'ABORTED', 'StopExecution');

        // RedriveExecution: the stopped execution goes on from its waiting task; in a Parallel
        // whose charging branch failed, only that branch runs again.
        const tokenOf = async (arn, nth) => {
            for (let i = 0; i < 50; i++) {
                const events = (await send('GetExecutionHistory', { executionArn: arn })).events;
                const scheduled = events.filter((e) => e.type === 'TaskScheduled');
                if (scheduled.length >= nth) return JSON.parse(scheduled[nth - 1].taskScheduledEventDetails.parameters).MessageBody.token;
                await new Promise((r) => setTimeout(r, 100));
            }
            return null;
        };
        const stopped = await send('DescribeExecution', { executionArn: tokens[2].arn });
        check(stopped.redriveStatus === 'REDRIVABLE', 'an ABORTED execution is REDRIVABLE');
        await send('RedriveExecution', { executionArn: tokens[2].arn });
        await send('SendTaskSuccess', { taskToken: await tokenOf(tokens[2].arn, 2), output: '{"late": true}' });
        const resumed = await waitDone(sfn, tokens[2].arn);
        check(resumed.status === 'SUCCEEDED' && resumed.output === '{"late":true}' && resumed.redriveCount === 1, 'RedriveExecution of an ABORTED execution');
        const order = JSON.stringify({ StartAt: 'Both', States: { Both: { Type: 'Parallel', End: true, Branches: [
            { StartAt: 'Stock', States: { Stock: { Type: 'Pass', Result: { stock: true }, End: true } } },
            { StartAt: 'Charge', States: { Charge: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
                Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', MessageBody: { 'token.$': '$$.Task.Token' } }, End: true } } }] } } });
        const { stateMachineArn: orderArn } = await send('CreateStateMachine', { name: 'Order', definition: order, roleArn: ROLE });
        const { executionArn: orderRun } = await send('StartExecution', { stateMachineArn: orderArn, name: 'order-1' });
        await send('SendTaskFailure', { taskToken: await tokenOf(orderRun, 1), error: 'Declined' });
        check((await waitDone(sfn, orderRun)).status === 'FAILED', 'the Parallel fails with its charging branch');
        const { redriveDate } = await send('RedriveExecution', { executionArn: orderRun });
        check(redriveDate instanceof Date, 'RedriveExecution answers a redriveDate');
        await send('SendTaskSuccess', { taskToken: await tokenOf(orderRun, 2), output: '{"charged": true}' });
        const ordered = await waitDone(sfn, orderRun);
        check(ordered.status === 'SUCCEEDED' && ordered.output === '[{"stock":true},{"charged":true}]', 'after the redrive the Parallel succeeds with the kept branch\'s output');
        const orderEvents = (await send('GetExecutionHistory', { executionArn: orderRun })).events;
        check(orderEvents.filter((e) => e.type === 'PassStateEntered').length === 1
            && orderEvents.filter((e) => e.type === 'ParallelStateEntered').length === 2
            && orderEvents.some((e) => e.type === 'ExecutionRedriven' && e.executionRedrivenEventDetails.redriveCount === 1),
        'only the failed branch runs again; the history has ExecutionRedriven');
        const redrivenList = (await send('ListExecutions', { stateMachineArn: orderArn, redriveFilter: 'REDRIVEN' })).executions;
        check(redrivenList.length === 1 && redrivenList[0].redriveCount === 1, 'ListExecutions with redriveFilter REDRIVEN');
        check(await errorName(send('RedriveExecution', { executionArn: orderRun })) === 'ExecutionNotRedrivable', 'a succeeded redriven execution cannot be redriven again');

        const express = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: { done: true }, End: true } } });
        const { stateMachineArn: expressArn } = await send('CreateStateMachine', { name: 'Quick', definition: express, roleArn: ROLE, type: 'EXPRESS' });
        const sync = await send('StartSyncExecution', { stateMachineArn: expressArn, input: '{}' });
        check(sync.status === 'SUCCEEDED' && sync.output === '{"done":true}', 'StartSyncExecution (sync- host prefix disabled)');

        const { activityArn } = await send('CreateActivity', { name: 'Review' });
        check((await send('DescribeActivity', { activityArn })).name === 'Review', 'CreateActivity, DescribeActivity');
        check((await send('ListActivities', {})).activities.length === 1, 'ListActivities');
        const polled = await send('GetActivityTask', { activityArn, workerName: 'w' });
        check(!polled.taskToken, 'GetActivityTask long poll with no task');
        await send('DeleteActivity', { activityArn });
        check(await errorName(send('DescribeActivity', { activityArn })) === 'ActivityDoesNotExist', 'DeleteActivity');

        const mapDefinition = JSON.stringify({ StartAt: 'Fan out', States: { 'Fan out': {
            Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 2, ToleratedFailureCount: 1,
            ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Item',
                States: { Item: { Type: 'Pass', End: true } } }, End: true } } });
        const { stateMachineArn: mapMachine } = await send('CreateStateMachine', { name: 'Fan', definition: mapDefinition, roleArn: ROLE });
        const { executionArn: mapExecution } = await send('StartExecution', { stateMachineArn: mapMachine, input: '{"items": [1, 2, 3]}' });
        await waitDone(sfn, mapExecution);
        const mapRuns = (await send('ListMapRuns', { executionArn: mapExecution })).mapRuns;
        check(mapRuns.length === 1, 'ListMapRuns');
        const mapRun = await send('DescribeMapRun', { mapRunArn: mapRuns[0].mapRunArn });
        check(mapRun.status === 'SUCCEEDED' && mapRun.maxConcurrency === 2 && mapRun.itemCounts.total === 3, 'DescribeMapRun');
        check(await errorName(send('UpdateMapRun', { mapRunArn: mapRuns[0].mapRunArn, maxConcurrency: 5 })) === 'ValidationException', 'UpdateMapRun on a finished map run');

        const task = JSON.stringify({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'Payload.$': '$' },
            Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }], End: true });
        const tested = await send('TestState', { definition: task, input: '{"x": 1}', inspectionLevel: 'DEBUG', mock: { result: '{"Payload": {"y": 2}}' } });
        check(tested.status === 'SUCCEEDED' && JSON.parse(tested.output).Payload.y === 2 && !!tested.inspectionData.afterParameters, 'TestState with a mock');
        const retried = await send('TestState', { definition: task, input: '{}', inspectionLevel: 'TRACE',
            mock: { errorOutput: { error: 'Boom', cause: 'c' } }, stateConfiguration: { retrierRetryCount: 0 } });
        check(retried.status === 'RETRIABLE', 'TestState with a stateConfiguration (retrier count 0: RETRIABLE)');

        await send('DeleteStateMachineAlias', { stateMachineAliasArn: alias });
        await send('DeleteStateMachineVersion', { stateMachineVersionArn: machine + ':1' });
        await send('DeleteStateMachine', { stateMachineArn: machine });
        check(await errorName(send('DescribeStateMachine', { stateMachineArn: machine })) === 'StateMachineDoesNotExist',
            'DeleteStateMachineAlias, DeleteStateMachineVersion, DeleteStateMachine');
        check(await errorName(send('DescribeExecution', { executionArn: 'arn:aws:states:us-east-1:123456789012:nope' })) === 'InvalidArn', 'InvalidArn');
    } catch (e) {
        check(false, 'unexpected error: ' + (e.name || '') + ' ' + e.message);
    } finally {
        proc.kill('SIGINT');
        fs.rmSync(data, { recursive: true, force: true });
    }
    console.log(`JavaScript SDK: ${passed} passed, ${failed} failed`);
    process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main();
