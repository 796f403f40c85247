/**
 * The one check on photo file ids a caller names (case photos, "me too", added info, patrol
 * findings, notice covers, signed mediation agreements). The contract only checks the `cloud://`
 * shape; without this a caller could attach any file of any environment, or another folder's file
 * of ours (an export, a seed picture), and the backend would fetch, show and check it as a photo.
 * Runs before anything is written, so a refused request changes nothing.
 */
import { AppError } from '../platform/errors';
import { currentEnvId } from '../platform/storage';

/** Where the app uploads every photo, on weapp and H5 alike (src/services/photos.ts). */
export const PHOTO_FOLDER = 'case-photos';

export const FOREIGN_PHOTO_MESSAGE = '照片不是通过本小程序上传的，请重新选择照片上传';

/** `cloud://<env>.<bucket>/<key>`: the environment id has no dots, the bucket no slashes. */
const FILE_ID = /^cloud:\/\/([^./]+)\.([^/]+)\/(.+)$/;

/** True for a file of environment `envId` under the photo folder (no empty, `.` or `..` segments). */
export function isOwnPhotoFile(fileId: string, envId: string | null): boolean {
  const m = FILE_ID.exec(fileId);
  if (!m || !envId || m[1] !== envId) return false;
  const segments = m[3]!.split('/');
  return segments.length >= 2 && segments[0] === PHOTO_FOLDER && segments.every((s) => s !== '' && s !== '.' && s !== '..');
}

/** Refuses the request (INVALID_INPUT on `field`) when any named file is not one of our photos. */
export function ensureOwnPhotos(fileIds: readonly (string | null | undefined)[], field: string): void {
  const named = fileIds.filter((f): f is string => typeof f === 'string');
  if (named.length === 0) return;
  const envId = currentEnvId();
  if (named.some((f) => !isOwnPhotoFile(f, envId))) throw new AppError('INVALID_INPUT', FOREIGN_PHOTO_MESSAGE, field);
}
