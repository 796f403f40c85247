/** Files the functions write themselves (exports, invite codes): upload, then a temporary link. */
import { getCloud } from './cloud';

/** Uploads bytes under `cloudPath`; answers the file id. */
export async function uploadBytes(cloudPath: string, content: Buffer): Promise<string> {
  const res = (await getCloud().uploadFile({ cloudPath, fileContent: content })) as { fileID?: string };
  if (!res?.fileID) throw new Error(`uploadFile answered no fileID for ${cloudPath}`);
  return res.fileID;
}

/** A temporary download link valid for `maxAgeSeconds` (WeChat caps it at a day). */
export async function temporaryUrl(fileId: string, maxAgeSeconds: number): Promise<string> {
  const res = (await getCloud().getTempFileURL({ fileList: [{ fileID: fileId, maxAge: maxAgeSeconds }] })) as {
    fileList?: Array<{ tempFileURL?: string; status?: number; errMsg?: string }>;
  };
  const f = res?.fileList?.[0];
  if (!f?.tempFileURL || (f.status ?? 0) !== 0) throw new Error(`getTempFileURL failed for ${fileId}: ${f?.errMsg ?? 'no url'}`);
  return f.tempFileURL;
}

/**
 * The environment this function runs in (whose files are ours: photo ids name it), as the SDK resolves `DYNAMIC_CURRENT_ENV` (TCB_ENV, else
 * SCF_NAMESPACE: CloudBase sets both); null when neither is set.
 */
export function currentEnvId(): string | null {
  const env = getCloud().getWXContext().ENV;
  return typeof env === 'string' && env.length > 0 ? env : null;
}
