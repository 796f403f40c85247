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

export const forbidden = (message?: string) => new AppError('FORBIDDEN', message);
export const notFound = (message?: string) => new AppError('NOT_FOUND', message);
export const conflict = (message?: string) => new AppError('CONFLICT', message);
export const invalid = (message: string, field?: string) => new AppError('INVALID_INPUT', message, field);
