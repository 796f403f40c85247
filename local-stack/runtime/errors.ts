/**
 * Failures of `callFunction`, shaped as the mini-program's `wx.cloud.callFunction` rejects:
 * `errCode` is the client code (-404011 "cloud function execution error" when the function ran and
 * failed, -501000 when the name is unknown), and `errMsg` carries the function service's own code
 * (-504002 threw, -504003 timed out) in CloudBase's wording, e.g.
 * `cloud.callFunction:fail requestID 1f…, cloud function service error code -504002, error message Error: boom; at cloud.callFunction api;`
 */
export const CALL_FUNCTION_ERR = {
  EXECUTION: -404011,
  NOT_FOUND: -501000,
} as const;

export const FUNCTION_SERVICE_ERR = {
  EXECUTE_FAIL: -504002,
  TIMEOUT: -504003,
  NOT_FOUND: -501000,
} as const;

/** local cloud's `code` strings for the server SDK path (functions.invokeFunction). */
export type FunctionErrorCode = 'FUNCTIONS_EXECUTE_FAIL' | 'FUNCTIONS_TIME_LIMIT_EXCEEDED' | 'FUNCTIONS_NOT_FOUND';

export class CallFunctionError extends Error {
  readonly errCode: number;
  readonly errMsg: string;
  /** The function service's code (-504002, -504003, -501000). */
  readonly serviceCode: number;
  /** CloudBase-style error code string for local cloud's answer to the server SDK. */
  readonly code: FunctionErrorCode;
  readonly requestID: string;
  /** The function's own error text (stack or message), without the wrapping. */
  readonly detail: string;

  constructor(kind: 'error' | 'timeout' | 'not-found', detail: string, requestID: string) {
    const serviceCode =
      kind === 'timeout' ? FUNCTION_SERVICE_ERR.TIMEOUT : kind === 'not-found' ? FUNCTION_SERVICE_ERR.NOT_FOUND : FUNCTION_SERVICE_ERR.EXECUTE_FAIL;
    const errCode = kind === 'not-found' ? CALL_FUNCTION_ERR.NOT_FOUND : CALL_FUNCTION_ERR.EXECUTION;
    const errMsg =
      kind === 'not-found'
        ? `cloud.callFunction:fail requestID ${requestID}, [ResourceNotFound.FunctionName] ${detail}; at cloud.callFunction api;`
        : `cloud.callFunction:fail requestID ${requestID}, cloud function service error code ${serviceCode}, error message ${detail}; at cloud.callFunction api;`;
    super(`errCode: ${errCode} | errMsg: ${errMsg}`);
    this.name = 'CallFunctionError';
    this.errCode = errCode;
    this.errMsg = errMsg;
    this.serviceCode = serviceCode;
    this.code = kind === 'timeout' ? 'FUNCTIONS_TIME_LIMIT_EXCEEDED' : kind === 'not-found' ? 'FUNCTIONS_NOT_FOUND' : 'FUNCTIONS_EXECUTE_FAIL';
    this.requestID = requestID;
    this.detail = detail;
  }
}
