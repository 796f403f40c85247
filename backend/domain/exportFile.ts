/**
 * An export leaves the system as a file: the CSV is uploaded under `exports/`, answered as a
 * temporary link, and recorded in the audit log (who, when, what, how it was filtered) before the
 * link is handed out. Shared by every export (cases, the mediation register, survey answers…).
 */
import { randomId } from '../platform/ids';
import { uploadBytes, temporaryUrl } from '../platform/storage';
import { inChina, iso } from '../platform/time';
import { recordStaffAction } from './audit';
import type { CallContext } from './callContext';

/** How long the download link works. */
export const EXPORT_LINK_SECONDS = 3600;

export interface ExportRequest {
  /** What was exported, e.g. 'cases', 'mediations', 'survey_answers'. */
  kind: string;
  /** The name the person sees, e.g. 调解台账_2026-11.csv. */
  fileName: string;
  csv: string;
  actor: CallContext;
  /** One line in Chinese for the audit log: the period, the filter, the number of rows. */
  detail: string;
}

export interface ExportFile {
  fileId: string;
  url: string;
  expiresAt: string;
}

export async function writeExport(req: ExportRequest): Promise<ExportFile> {
  const { actor } = req;
  const stationId = actor.user?.stationId ?? null;
  // A random folder per export: the link names no person and cannot be guessed from another.
  const cloudPath = `exports/${stationId ?? 'none'}/${inChina(actor.now).format('YYYYMMDD')}/${randomId()}/${req.fileName}`;
  const fileId = await uploadBytes(cloudPath, Buffer.from(req.csv, 'utf8'));
  await recordStaffAction(actor, {
    action: 'export', stationId, target: { kind: `export:${req.kind}`, id: fileId, label: req.fileName }, detail: req.detail, counts: {},
  });
  const url = await temporaryUrl(fileId, EXPORT_LINK_SECONDS);
  return { fileId, url, expiresAt: iso(new Date(actor.now.getTime() + EXPORT_LINK_SECONDS * 1000)) };
}
