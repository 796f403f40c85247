import type { LocalCloudContext } from '../context';
import type { ServiceModule } from '../protocol/actions';
import { CloudError, ErrorCodes } from '../protocol/errors';

/** CloudBase's function-name rule (letters first; letters, digits, _ and -; up to 60). */
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

/**
 * A runner signals "no such function" by throwing an error whose `code` is this value
 * (or by throwing a CloudError, which is answered as-is).
 */
export const FUNCTION_NOT_FOUND_CODE = ErrorCodes.FUNCTION_NOT_FOUND;

export class FunctionNotFoundError extends Error {
  readonly code = FUNCTION_NOT_FOUND_CODE;
  constructor(name: string) {
    super(`[ResourceNotFound.Function] 云函数 ${name} 不存在`);
    this.name = 'FunctionNotFoundError';
  }
}

function describeFailure(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

/** Codes a runner may carry on its errors (e.g. FUNCTIONS_TIME_LIMIT_EXCEEDED); answered as-is. */
const RUNNER_CODE = /^FUNCTIONS_[A-Z_]+$/;

/**
 * Maps a runner's rejection onto a CloudBase answer: a CloudError as-is; an error with a
 * `FUNCTIONS_*` string `code` keeps that code (its `detail`, if any, is the function's own error
 * text); anything else is FUNCTIONS_EXECUTE_FAIL, which the SDK surfaces as errCode -504002.
 */
function runnerFailure(name: string, err: unknown): CloudError {
  if (err instanceof CloudError) return err;
  const fields = err && typeof err === 'object' ? (err as { code?: unknown; detail?: unknown; message?: unknown }) : {};
  if (typeof fields.code === 'string' && RUNNER_CODE.test(fields.code)) {
    const detail = typeof fields.detail === 'string' ? fields.detail : typeof fields.message === 'string' ? fields.message : '';
    if (fields.code === FUNCTION_NOT_FOUND_CODE) {
      return new CloudError(fields.code, detail || `[ResourceNotFound.Function] 云函数 ${name} 不存在`);
    }
    return new CloudError(fields.code, `云函数 ${name} 执行失败: ${detail}`);
  }
  return new CloudError(ErrorCodes.FUNCTION_EXECUTE_FAIL, `云函数 ${name} 执行失败: ${describeFailure(err)}`);
}

/**
 * `functions.invokeFunction` hands `{function_name, request_data}` to the pluggable runner and
 * answers `data.response_data` as a JSON string, which the SDK parses into `result`.
 */
export function createFunctionsService(ctx: LocalCloudContext): ServiceModule {
  return {
    name: 'functions',
    actions: {
      'functions.invokeFunction': async (params) => {
        const name = params.function_name;
        if (typeof name !== 'string' || !FUNCTION_NAME.test(name)) {
          throw new CloudError(ErrorCodes.INVALID_PARAM, `function_name 不合法: ${JSON.stringify(name) ?? String(name)}`);
        }
        const rawData = params.request_data ?? '';
        if (typeof rawData !== 'string') throw new CloudError(ErrorCodes.INVALID_PARAM, 'request_data 必须是 JSON 字符串');
        let data: unknown = {};
        if (rawData !== '') {
          try {
            data = JSON.parse(rawData);
          } catch {
            throw new CloudError(ErrorCodes.INVALID_PARAM, 'request_data 不是合法的 JSON');
          }
        }
        const runner = ctx.functionRunner;
        if (!runner) {
          throw new CloudError(ErrorCodes.FUNCTION_NOT_FOUND, `[ResourceNotFound.Function] 云函数 ${name} 不存在（local cloud 未配置 functionRunner）`);
        }
        let result: unknown;
        try {
          result = await runner(name, data);
        } catch (err) {
          throw runnerFailure(name, err);
        }
        let response: string;
        try {
          response = JSON.stringify(result === undefined ? null : result);
        } catch (err) {
          throw new CloudError(ErrorCodes.FUNCTION_EXECUTE_FAIL, `云函数 ${name} 的返回值无法序列化为 JSON: ${describeFailure(err)}`);
        }
        return { data: { response_data: response } };
      },
    },
  };
}
