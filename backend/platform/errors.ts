import type { ErrorCode } from '../../types/result';
import { errorCodeMessages } from '../../types/result';

/** A failure meant for the caller: becomes `{ok:false,error:{code,message,field}}`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message?: string, field?: string) {
    super(message ?? errorCodeMessages[code]);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
  }
}
