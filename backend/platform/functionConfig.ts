/**
 * The running function's own config.json. The build copies it beside the bundle (index.js), and
 * that folder is what CloudBase runs and what the local runtime runs; `__dirname` of the bundle is
 * that folder. Read only when needed (the smoke check), never at load.
 */
import fs from 'node:fs';
import path from 'node:path';

/** `permissions.openapi` as deployed with this code; null when config.json cannot be read. */
export function declaredOpenapi(): string[] | null {
  try {
    const config = JSON.parse(fs.readFileSync(path.join(__dirname, 'config.json'), 'utf8')) as { permissions?: { openapi?: unknown } };
    const list = config.permissions?.openapi;
    return Array.isArray(list) ? list.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    return null;
  }
}
