/**
 * wx-server-sdk, initialised once per instance for the environment the function runs in.
 * `DYNAMIC_CURRENT_ENV` follows the deployed environment, so the same bundle runs in every env
 * (and locally, where environment variables point the SDK at local cloud).
 */
import * as cloud from 'wx-server-sdk';

let initialised = false;

export function getCloud(): typeof cloud {
  if (!initialised) {
    // The typings only allow strings, but the symbol is the documented way to follow the current env.
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    initialised = true;
  }
  return cloud;
}

/** The caller's OPENID as WeChat vouches for it; never taken from the request body. */
export function callerOpenid(): string | null {
  const openid = getCloud().getWXContext().OPENID;
  return typeof openid === 'string' && openid.length > 0 ? openid : null;
}

