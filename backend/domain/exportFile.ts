/**
 * Writing an export for staff: the CSV goes to cloud storage under `exports/`, the answer is a
 * temporary link, and the station's audit log records who exported what and when.
 */
import { appendAudit } from '../data/auditLog';
import { tempUrl, uploadFile } from '../platform/files';
import { derivedId, randomId } from '../platform/ids';
import { AppError } from '../platform/errors';
import { inChina } from '../platform/time';

/** How long the download link lives (WeChat's temporary URLs take a max age). */
export const EXPORT_LINK_SECONDS = 3600;

export interface ExportActor {
  openid: string;
  stationId: string | null;
}

export interface ExportRequest {
  /** What kind of export (e.g. 'survey_answers'); names the folder and the audit entry. */
  kind: string;
  /** The file name people see, with its extension (e.g. "问卷-2026-11.csv"). */
  fileName: string;
  csv: string;
  actor: ExportActor;
  /** What was exported, for the audit (ids and counts; never personal data). */
  detail: Record<string, string | number>;
  now?: Date;
}

export interface ExportFile {
  fileId: string;
  url: string;
  expiresAt: Date;
}

export async function writeExport(req: ExportRequest): Promise<ExportFile> {
  const now = req.now ?? new Date();
  // ASCII path (the people-facing name may be Chinese; it is kept in the audit entry).
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(req.fileName)?.[0] ?? '.csv';
  const cloudPath = `exports/${req.kind}/${inChina(now).format('YYYYMMDD-HHmmss')}-${randomId().slice(0, 12)}${ext}`;
  let fileId: string;
  try {
    fileId = await uploadFile(cloudPath, Buffer.from(req.csv, 'utf8'));
  } catch (e) {
    console.error(JSON.stringify({ msg: 'export upload failed', kind: req.kind, error: e instanceof Error ? e.message : String(e) }));
    throw new AppError('INTERNAL', '导出文件保存失败，请稍后重试');
  }
  const url = await tempUrl(fileId);
  if (!url) throw new AppError('INTERNAL', '导出文件的下载链接生成失败，请稍后重试');
  await appendAudit({
    _id: derivedId('audit', 'data_exported', fileId),
    action: 'data_exported',
    stationId: req.actor.stationId,
    subject: null,
    by: 'staff',
    actorId: req.actor.openid,
    counts: Object.fromEntries(Object.entries(req.detail).filter((e): e is [string, number] => typeof e[1] === 'number')),
    detail: { kind: req.kind, fileName: req.fileName, fileId, ...req.detail },
    at: now,
  });
  return { fileId, url, expiresAt: new Date(now.getTime() + EXPORT_LINK_SECONDS * 1000) };
}
