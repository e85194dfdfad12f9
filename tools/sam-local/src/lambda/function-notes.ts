import type { FunctionSpec } from '../template/functions';

/**
 * What a function of the template has that runs differently here, one line each, said when it starts (start-api,
 * start-lambda) or is invoked (invoke), so that a failure that follows is not a mystery.
 */
export function functionNotes(fn: FunctionSpec): string[] {
  const notes: string[] = [];
  if (fn.remoteLayers.length > 0) {
    notes.push(
      `${fn.logicalId}: layer ${fn.remoteLayers.join(', ')} cannot be fetched offline (given by ARN or not local); ` +
        `the function runs without it`,
    );
  }
  // Durable functions (DurableConfig) are started by Lambda's durable execution service with a payload of its own;
  // sam local runs AWS's durable functions emulator in Docker for them (SAM CLI's
  // samcli/local/docker/durable_functions_emulator_container.py). Here they get the event as it is.
  if (fn.properties.DurableConfig !== undefined) {
    notes.push(
      `${fn.logicalId}: DurableConfig is not emulated (no durable execution service here); the function gets the ` +
        `plain event, which the durable execution SDK refuses ("Unexpected payload provided to start the durable execution")`,
    );
  }
  return notes;
}
