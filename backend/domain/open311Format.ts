/**
 * Open311 answers in the two formats the specification names: XML (required by it, with the UTF-8
 * declaration) and JSON. Element and field names are the specification's; lists are wrapped as it
 * shows (`<services><service>…`, `<service_requests><request>…`, `<errors><error>…`).
 */
import type { Open311Created, Open311Error, Open311Request, Open311Service } from '../../types/open311';

export type Format = 'json' | 'xml';

export interface Formatted {
  contentType: string;
  body: string;
}

type Scalar = string | number | boolean | null;
type Node = Scalar | Node[] | { [k: string]: Node };

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch]!);

function xmlOf(name: string, value: Node, childName?: string): string {
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((v) => xmlOf(childName ?? 'item', v)).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => xmlOf(k, v, k === 'attributes' ? 'attribute' : undefined)).join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function render(format: Format, root: string, child: string | null, value: Node): Formatted {
  if (format === 'json') return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) };
  return { contentType: 'text/xml; charset=utf-8', body: `<?xml version="1.0" encoding="UTF-8"?>${child ? xmlOf(root, value, child) : xmlOf(root, value)}` };
}

export const formatServices = (format: Format, list: Open311Service[]) => render(format, 'services', 'service', list as unknown as Node);
export const formatServiceDefinition = (format: Format, def: { service_code: string; attributes: [] }) => render(format, 'service_definition', null, def);
export const formatRequests = (format: Format, list: Open311Request[]) => render(format, 'service_requests', 'request', list as unknown as Node);
export const formatCreated = (format: Format, list: Open311Created[]) => render(format, 'service_requests', 'request', list as unknown as Node);
export const formatErrors = (format: Format, list: Open311Error[]) => render(format, 'errors', 'error', list as unknown as Node);

/** Service discovery (the specification requires one per endpoint). */
export function formatDiscovery(format: Format, endpointUrl: string, changeset: string): Formatted {
  const endpoint = { specification: 'http://wiki.open311.org/GeoReport_v2', url: endpointUrl, changeset, type: 'production', formats: ['text/xml', 'application/json'] };
  const doc = { changeset, contact: '请联系派出所管理员', key_service: '派出所管理员在“枫桥家园”中签发 api_key', endpoints: [endpoint] };
  if (format === 'json') return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(doc) };
  const formats = endpoint.formats.map((f) => `<format>${f}</format>`).join('');
  const ep = `<endpoint><specification>${endpoint.specification}</specification><url>${escapeXml(endpoint.url)}</url><changeset>${changeset}</changeset><type>production</type><formats>${formats}</formats></endpoint>`;
  return {
    contentType: 'text/xml; charset=utf-8',
    body: `<?xml version="1.0" encoding="UTF-8"?><discovery><changeset>${changeset}</changeset><contact>${escapeXml(doc.contact)}</contact><key_service>${escapeXml(doc.key_service)}</key_service><endpoints>${ep}</endpoints></discovery>`,
  };
}
