/**
 * Errors answered to the SDK. CloudBase answers every failure as HTTP 200 with
 * `{code, message, requestId}`; the SDK maps some codes (e.g. DATABASE_COLLECTION_NOT_EXIST → -502005).
 */
export class CloudError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CloudError';
  }
}

export const ErrorCodes = {
  INVALID_PARAM: 'INVALID_PARAM',
  INVALID_ACTION: 'INVALID_ACTION',
  COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  COLLECTION_EXIST: 'DATABASE_COLLECTION_ALREADY_EXIST',
  TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  /** CloudBase's answer for a committed, aborted or expired transaction ("[ResourceUnavailable.TransactionNotExist] …"). */
  TRANSACTION_FAIL: 'DATABASE_TRANSACTION_FAIL',
  /**
   * CloudBase reports failed database requests (oversized document, duplicate key, unknown
   * operator) as DATABASE_REQUEST_FAILED with a descriptive message; the SDK maps that code to
   * errCode -502001. We keep one name per cause for readability, all on the same wire code.
   */
  DOCUMENT_TOO_LARGE: 'DATABASE_REQUEST_FAILED',
  DUPLICATE_KEY: 'DATABASE_REQUEST_FAILED',
  UNSUPPORTED_OPERATOR: 'DATABASE_REQUEST_FAILED',
  /** Local-cloud only: strict mode refused a query no declared index supports. */
  QUERY_NOT_INDEXED: 'DATABASE_QUERY_NOT_INDEXED',
  STORAGE_FILE_NOT_EXIST: 'STORAGE_FILE_NONEXIST',
  /** A client request the storage security rules refuse (the SDK's -503002). */
  STORAGE_EXCEED_AUTHORITY: 'STORAGE_EXCEED_AUTHORITY',
  /** A client request to the database, which local cloud never opens to clients (the SDK's -502003). */
  DATABASE_PERMISSION_DENIED: 'DATABASE_PERMISSION_DENIED',
  /** A client request to any other server-only action. */
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  FUNCTION_NOT_FOUND: 'FUNCTIONS_NOT_FOUND',
  FUNCTION_EXECUTE_FAIL: 'FUNCTIONS_EXECUTE_FAIL',
  OPENAPI_NOT_SUPPORTED: 'OPENAPI_NOT_SUPPORTED',
  INTERNAL: 'SYS_ERR',
} as const;
