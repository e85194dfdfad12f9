// @ts-check
// The response stream a streaming handler writes to (`awslambda.streamifyResponse`), and running such a handler, as
// Lambda's Node.js runtime does it (aws-lambda-nodejs-runtime-interface-client: src/ResponseStream.js,
// src/HttpResponseStream.js, src/Runtime.js handleOnceStreaming; AWS docs "Configuring a Lambda function to stream
// responses"). On Lambda the bytes travel to the caller as they are written; locally they are collected and the
// whole response is handed over when the invocation ends (served buffered).
'use strict';
const { Writable } = require('node:stream');

// The stream's content type unless the handler sets one (src/ResponseStream.js); HttpResponseStream.from sets the
// http-integration-response type, whose body is a JSON prelude, 8 NUL bytes, then the response body
// (src/HttpResponseStream.js; AWS docs "Invoking Lambda function URLs", response streaming).
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
const HTTP_INTEGRATION_RESPONSE = 'application/vnd.awslambda.http-integration-response';
const PRELUDE_DELIMITER_BYTES = 8;

/** @param {string} name @param {string} message */
function runtimeError(name, message) {
  const error = new Error(message);
  error.name = `Runtime.${name}`;
  return error;
}

/**
 * A Node Writable that keeps every byte written, with Lambda's additions: setContentType (only before the first
 * write) and a hook that runs once before the first write (HttpResponseStream.from writes its prelude there).
 */
class CollectedResponseStream extends Writable {
  /** @param {number | undefined} highWaterMark */
  constructor(highWaterMark) {
    super(highWaterMark === undefined ? {} : { highWaterMark });
    /** @type {Buffer[]} */
    this.chunks = [];
    this.contentType = DEFAULT_CONTENT_TYPE;
    this.written = false;
    /** @type {((write: (chunk: string | Uint8Array) => void) => void) | undefined} */
    this._onBeforeFirstWrite = undefined;
  }

  /** @param {string} contentType */
  setContentType(contentType) {
    if (this.written) throw runtimeError('InvalidStreamingOperation', 'Cannot set content-type, too late.');
    this.contentType = contentType;
  }

  /**
   * Lambda's stream takes strings, Buffers and Uint8Arrays, and writes anything else as its JSON text.
   * @param {unknown} chunk @param {any} [encoding] @param {any} [callback]
   */
  write(chunk, encoding, callback) {
    const bytes =
      typeof chunk === 'string' || Buffer.isBuffer(chunk) || chunk instanceof Uint8Array
        ? chunk
        : JSON.stringify(chunk);
    if (!this.written && typeof this._onBeforeFirstWrite === 'function') {
      this._onBeforeFirstWrite((early) => super.write(early));
    }
    this.written = true;
    return super.write(bytes, encoding, callback);
  }

  /** @param {Buffer} chunk @param {BufferEncoding} _encoding @param {(error?: Error | null) => void} done */
  _write(chunk, _encoding, done) {
    this.chunks.push(chunk);
    done();
  }
}

/**
 * awslambda.HttpResponseStream.from: the response's status code, headers and cookies go ahead of the body as a JSON
 * prelude and 8 NUL bytes, written just before the first write.
 * @param {CollectedResponseStream} stream @param {unknown} prelude
 */
function httpResponseStreamFrom(stream, prelude) {
  stream.setContentType(HTTP_INTEGRATION_RESPONSE);
  const text = JSON.stringify(prelude);
  stream._onBeforeFirstWrite = (write) => {
    write(text);
    write(new Uint8Array(PRELUDE_DELIMITER_BYTES));
  };
  return stream;
}

/**
 * Runs a streaming handler with (event, responseStream, context). The invocation succeeds once the handler's promise
 * has resolved and the stream has ended; it fails with what the handler throws or rejects with, with the error the
 * stream was destroyed with, or, for a handler that returns no promise, Lambda's "Streaming does not support
 * non-async handlers." (src/Runtime.js). A handler that resolves without ending the stream runs into its Timeout, as
 * on Lambda. A returned value is ignored, with Lambda's warning.
 * @param {Function} handler @param {unknown} event @param {object} context @param {number | undefined} highWaterMark
 * @returns {Promise<{ contentType: string, body: Buffer }>}
 */
async function runStreamingHandler(handler, event, context, highWaterMark) {
  const stream = new CollectedResponseStream(highWaterMark);
  /** @type {Promise<void>} */
  const ended = new Promise((resolve, reject) => {
    stream.once('finish', () => resolve());
    stream.once('error', reject);
    stream.once('close', () => {
      if (!stream.writableFinished) reject('Response stream is not finished.');
    });
  });
  // Settled either way below; a stream that fails while the handler still runs is reported once it returns.
  ended.catch(() => undefined);
  // Writes after the end are errors on the stream, as on Lambda's request stream: they do not end the environment.
  stream.on('error', () => undefined);
  const returned = handler(event, stream, context);
  if (!returned || typeof returned.then !== 'function') throw 'Streaming does not support non-async handlers.';
  const value = await returned;
  if (value !== undefined) process.stderr.write('Streaming handlers ignore return values.\n');
  await ended;
  return { contentType: stream.contentType, body: Buffer.concat(stream.chunks) };
}

module.exports = { CollectedResponseStream, httpResponseStreamFrom, runStreamingHandler, runtimeError };
