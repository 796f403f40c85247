/**
 * Open311 GeoReport v2, the open standard the city's 12345 platform exchanges service requests with:
 * the admin's API keys (callable actions of the `open311` function) and the HTTP endpoint's
 * parameters and answers, named exactly as the specification names them (snake_case on the wire).
 */
import { z } from './zod';
import { docId, isoDateTime } from './common';
import { textLimits } from './limits';

// ---- the admin's API keys (mini-program → callable actions) ----

export const apiKeyView = z.object({
  id: docId,
  label: z.string(),
  /** The first characters of the key, so the admin can tell keys apart; the key itself is shown once. */
  prefix: z.string(),
  createdAt: isoDateTime,
  createdByName: z.string(),
  revokedAt: isoDateTime.nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyView>;

export const issueApiKeyInput = z
  .object({ label: z.string().trim().min(2, { error: '请填写用途（至少 2 个字），如“区12345平台”' }).max(40, { error: '用途不能超过 40 个字' }) })
  .strict();
export const issueApiKeyOutput = z.object({ key: z.string(), apiKey: apiKeyView });

export const listApiKeysInput = z.object({}).strict();
export const listApiKeysOutput = z.object({ items: z.array(apiKeyView) });

export const revokeApiKeyInput = z.object({ keyId: docId }).strict();
export const revokeApiKeyOutput = z.object({ apiKey: apiKeyView });

// ---- the HTTP endpoint (the city's system → GeoReport v2) ----

/** ISO 8601 with a zone, as the specification requires (`2010-04-14T06:37:38-08:00`, `…Z`). */
const isoWithZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;
const dateParam = (name: string) => z.string().trim().regex(isoWithZone, { error: `${name} 须为带时区的 ISO 8601 时间，如 2026-11-01T00:00:00+08:00` });
const list = (name: string) => z.string().trim().min(1, { error: `${name} 不能为空` }).max(400).transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean));

export const requestsQuery = z.object({
  jurisdiction_id: z.string().trim().max(64).optional(),
  /** Comma-delimited; when present the other filters are ignored (specification). */
  service_request_id: list('service_request_id').optional(),
  service_code: list('service_code').optional(),
  start_date: dateParam('start_date').optional(),
  end_date: dateParam('end_date').optional(),
  status: list('status')
    .pipe(z.array(z.enum(['open', 'closed'], { error: 'status 只能是 open 或 closed' })))
    .optional(),
});
export type RequestsQuery = z.infer<typeof requestsQuery>;

const coordinate = (name: string, limit: number) =>
  z.coerce.number({ error: `${name} 须为数字` }).refine((n) => Math.abs(n) <= limit, { error: `${name} 超出范围` });

/** POST requests: `application/x-www-form-urlencoded` fields (attribute[…] are accepted and ignored). */
export const postRequestBody = z.object({
  jurisdiction_id: z.string().trim().max(64).optional(),
  api_key: z.string({ error: '缺少 api_key' }).trim().min(1, { error: '缺少 api_key' }).max(128),
  service_code: z.string({ error: '缺少 service_code' }).trim().min(1, { error: '缺少 service_code' }).max(64),
  lat: coordinate('lat', 90).optional(),
  long: coordinate('long', 180).optional(),
  address_string: z.string().trim().min(1).max(200).optional(),
  address_id: z.string().trim().min(1).max(64).optional(),
  email: z.string().trim().max(100).optional(),
  device_id: z.string().trim().max(100).optional(),
  account_id: z.string().trim().max(100).optional(),
  first_name: z.string().trim().max(30).optional(),
  last_name: z.string().trim().max(30).optional(),
  phone: z.string().trim().max(30).optional(),
  description: z
    .string({ error: '缺少 description（问题描述）' })
    .trim()
    .min(textLimits.caseDescription.min, { error: `description 至少 ${textLimits.caseDescription.min} 个字` })
    .max(textLimits.caseDescription.max, { error: `description 不能超过 ${textLimits.caseDescription.max} 个字` }),
  media_url: z.string().trim().max(500).optional(),
});
export type PostRequestBody = z.infer<typeof postRequestBody>;

/** One service (a report category) as GET services lists it. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

/** One service request as GET requests answers it: nothing that identifies a person. */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export interface Open311Created {
  service_request_id: string;
  service_notice: string;
  account_id: string | null;
}

export interface Open311Error {
  code: number;
  description: string;
}
