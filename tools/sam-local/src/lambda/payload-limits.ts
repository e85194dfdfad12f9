// Lambda's invocation payload quotas, as its errors state them in bytes, for the local API and the Invoke endpoint
// alike: "Request must be smaller than 6291456 bytes for the InvokeFunction operation" (RequestEntityTooLargeException,
// e.g. pelmers/streetwarp-web issue #14) and "Response payload size exceeded maximum allowed payload size
// (6291556 bytes)" (API Gateway's integration error in DataBiosphere/azul issue #8192, recorded on AWS); 1 MB for an
// Event (asynchronous) invocation (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html).
export const LAMBDA_REQUEST_LIMIT_BYTES = 6_291_456;
export const LAMBDA_RESPONSE_LIMIT_BYTES = 6_291_556;
export const LAMBDA_EVENT_REQUEST_LIMIT_BYTES = 1_048_576;
// A streamed response may reach 200 MB ("Configuring a Lambda function to stream responses"; read here as MiB).
export const LAMBDA_STREAMED_RESPONSE_LIMIT_BYTES = 200 * 1024 * 1024;

/** The size of a payload as Lambda measures it: its JSON text in UTF-8. */
export function payloadBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? 'null');
}
