// @ts-check
// The `awslambda` global Lambda's Node.js runtime defines for every function before loading its code
// (aws-lambda-nodejs-runtime-interface-client src/UserFunction.js, _loadUserApp): `streamifyResponse` marks a handler
// as streaming its response and `HttpResponseStream.from` puts an HTTP status and headers ahead of the streamed body
// (AWS docs "Configuring a Lambda function to stream responses"). The runtime leaves it out when
// AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA is 1 or true.
'use strict';
const { httpResponseStreamFrom, runtimeError } = require('./response-stream.cjs');

// The marks streamifyResponse leaves on the handler: global symbols, so code that sets them itself is read the same.
const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HANDLER_HIGH_WATER_MARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
const STREAM_RESPONSE = 'response';

function installAwsLambdaGlobal() {
  const off = process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA;
  if (off === '1' || off === 'true') return;
  /** @type {Record<string, unknown>} */ (globalThis).awslambda = {
    /** @param {any} handler @param {{ highWaterMark?: unknown }} [options] */
    streamifyResponse: (handler, options) => {
      handler[HANDLER_STREAMING] = STREAM_RESPONSE;
      if (typeof options?.highWaterMark === 'number') handler[HANDLER_HIGH_WATER_MARK] = options.highWaterMark;
      return handler;
    },
    HttpResponseStream: { from: httpResponseStreamFrom },
  };
}

/**
 * How the handler answers: false for a buffered result, 'response' for a streamed one. Any other mark is Lambda's
 * Runtime.MalformedStreamingHandler, an init error (src/UserFunction.js, _isHandlerStreaming).
 * @param {any} handler @returns {false | 'response'}
 */
function streamingMode(handler) {
  const mark = handler[HANDLER_STREAMING];
  if (mark === undefined || mark === null || mark === false) return false;
  if (mark === STREAM_RESPONSE) return STREAM_RESPONSE;
  throw runtimeError('MalformedStreamingHandler', 'Only response streaming is supported.');
}

/** The stream's highWaterMark given to streamifyResponse, if a number. @param {any} handler @returns {number | undefined} */
function streamingHighWaterMark(handler) {
  const value = parseInt(String(handler[HANDLER_HIGH_WATER_MARK]), 10);
  return Number.isNaN(value) ? undefined : value;
}

module.exports = { installAwsLambdaGlobal, streamingMode, streamingHighWaterMark };
