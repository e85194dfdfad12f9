// The Invoke API answers programs (the AWS SDKs, the AWS CLI), never web pages. A page can send a cross-origin POST
// with Content-Type text/plain without any CORS preflight, and it would run the function with the developer's AWS
// credentials; so a request that shows it came from a browser is refused. Browsers send `Origin` on every
// cross-origin POST and `Sec-Fetch-Site` on every request (Fetch Metadata); the AWS SDKs and CLI send neither
// (test/lambda-api/invoke-endpoint.test.ts records the SDK's headers).

/** Why the request looks like a web page's, or undefined for a request a program sent. */
export function browserRequestProblem(header: (name: string) => string | undefined): string | undefined {
  const origin = header('Origin');
  if (origin !== undefined) return `it comes from a web page (Origin: ${origin})`;
  const site = header('Sec-Fetch-Site');
  // `none` is a navigation the user typed, `same-origin` a page this server served (it serves none).
  if (site !== undefined && site !== 'none' && site !== 'same-origin') {
    return `it comes from a web page (Sec-Fetch-Site: ${site})`;
  }
  return undefined;
}
