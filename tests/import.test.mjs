// Importing: ASL written in YAML, a CloudFormation template whose DefinitionString is a Fn::Sub
// with a substitution the user fills in, and a file picked or dropped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

const CFN = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OrderMachine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: !Sub |
        {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "\${ChargeArn}", "End": true}}}
`;

test("YAML and CloudFormation import", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.page.getByTestId("import-open").click();
    await ui.page.getByTestId("import-definition").fill("StartAt: Hello\nStates:\n  Hello:\n    Type: Pass\n    End: true\n");
    await ui.page.getByTestId("import-origin").filter({ hasText: "ASL (YAML)" }).waitFor();
    await ui.page.getByTestId("import-apply").click();
    assert.deepEqual(JSON.parse(await ui.definition()), { StartAt: "Hello", States: { Hello: { Type: "Pass", End: true } } });

    await ui.page.getByTestId("import-open").click();
    await ui.page.getByTestId("import-definition").fill(CFN);
    await ui.page.getByTestId("import-origin").filter({ hasText: "CloudFormation resource OrderMachine" }).waitFor();
    await ui.page.getByTestId("import-value-ChargeArn").fill("arn:aws:lambda:us-east-1:123456789012:function:charge");
    await ui.page.getByTestId("import-value-ChargeArn").press("Tab");
    await ui.page.getByTestId("import-apply").click();
    const definition = JSON.parse(await ui.definition());
    assert.equal(definition.States.Charge.Resource, "arn:aws:lambda:us-east-1:123456789012:function:charge");
    await ui.result.filter({ hasText: "OK" }).waitFor();
  } finally {
    await ui.close();
  }
});

test("a file is imported from the picker or dropped on the dialog", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.page.getByTestId("import-open").click();
    await ui.page.getByTestId("import-file").setInputFiles({
      name: "template.yaml",
      mimeType: "text/yaml",
      buffer: Buffer.from(CFN),
    });
    await ui.page.getByTestId("import-origin").filter({ hasText: "CloudFormation resource OrderMachine" }).waitFor();
    assert.equal(await ui.page.getByTestId("import-definition").inputValue(), CFN);

    const dropped = JSON.stringify({ StartAt: "Dropped", States: { Dropped: { Type: "Succeed" } } });
    const dataTransfer = await ui.page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], "machine.asl.json", { type: "application/json" }));
      return transfer;
    }, dropped);
    await ui.page.getByTestId("import-drop").dispatchEvent("drop", { dataTransfer });
    await ui.page.getByTestId("import-origin").filter({ hasText: "ASL (JSON)" }).waitFor();
    await ui.page.getByTestId("import-apply").click();
    assert.deepEqual(JSON.parse(await ui.definition()), JSON.parse(dropped));
  } finally {
    await ui.close();
  }
});

test("the AWS CLI commands and the TestState request that reproduce the run on AWS", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.openTab("run");
    await ui.page.locator(".run__export summary").click();
    const cli = await ui.page.getByTestId("aws-cli").textContent();
    assert.match(cli, /^aws stepfunctions create-state-machine --name 'Playground' --role-arn 'arn:aws:iam::123456789012:role\/StepFunctionsPlaygroundRole' --definition '\{"Comment"/);
    assert.match(cli, /\naws stepfunctions start-execution --state-machine-arn 'arn:aws:states:us-east-1:123456789012:stateMachine:Playground' --input '\{"orderId":"A-1001"/);
    await ui.openTab("data-flow");
    await ui.page.getByTestId("state-picker").selectOption("ChargeCard");
    await ui.page.locator(".data-flow__aws summary").click();
    const request = JSON.parse(await ui.page.getByTestId("test-state-request").textContent());
    assert.equal(JSON.parse(request.definition).Type, "Task");
    assert.equal(request.inspectionLevel, "TRACE");
    assert.ok("mock" in request);
    assert.match(await ui.page.getByTestId("test-state-command").textContent(), /^aws stepfunctions test-state --definition '/);
  } finally {
    await ui.close();
  }
});
