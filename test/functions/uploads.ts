/** A tiny JPEG uploaded through the real SDK (the stack's `database()` points the SDK at it first). */
import * as cloud from 'wx-server-sdk';

export const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

/** Uploads under a unique path ending in `name`: local cloud's media check reads its verdict from it (赌博 → risky). */
export async function upload(name: string): Promise<string> {
  const { fileID } = await cloud.uploadFile({ cloudPath: `case-photos/test/${Date.now()}-${Math.random().toString(36).slice(2, 8)}-${name}`, fileContent: JPEG });
  return fileID;
}
