// The Lambda service's own error answers (not a function's errors): the HTTP status, the error type in the
// `x-amzn-ErrorType` header, and a `{"Type","Message"}` body. Real Lambda answers an unknown function with
// 404 `{"Message":"Function not found: arn:aws:lambda:…","Type":"User"}` (as quoted in
// https://github.com/aarondfrancis/sidecar/issues/23); SAM CLI's local service uses the same shape
// (samcli/local/lambda_service/lambda_error_responses.py).

export interface ServiceError {
  statusCode: number;
  errorType: string;
  /** `User` for a problem with the request; `LocalService` for what this local endpoint does not serve. */
  kind: 'User' | 'LocalService';
  message: string;
}

export function serviceError(
  statusCode: number,
  errorType: string,
  message: string,
  kind: ServiceError['kind'] = 'User',
): ServiceError {
  return { statusCode, errorType, kind, message };
}

export function errorBody(error: ServiceError): string {
  return JSON.stringify({ Type: error.kind, Message: error.message });
}
