/** Files the functions write to cloud storage (exports), with a temporary download link. */
import { getCloud } from './cloud';
import { tempFileUrls } from './openapi';

/** Uploads `content` at `cloudPath`; answers the file id. Throws when storage refuses. */
export async function uploadFile(cloudPath: string, content: Buffer): Promise<string> {
  const res = (await getCloud().uploadFile({ cloudPath, fileContent: content })) as { fileID?: string };
  if (!res?.fileID) throw new Error('uploadFile answered no fileID');
  return res.fileID;
}

/** A temporary URL for one file (null when storage did not give one). */
export async function tempUrl(fileId: string): Promise<string | null> {
  return (await tempFileUrls([fileId])).get(fileId) ?? null;
}
