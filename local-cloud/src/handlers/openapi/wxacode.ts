/**
 * `wxacode.getUnlimited`: WeChat answers the mini-program code as image bytes (not JSON). Local cloud
 * answers a stand-in PNG: a plain QR code of `<page>?scene=<scene>`, so a test (or a phone's
 * scanner) can read back what a real mini-program code would open. Parameters are checked as
 * WeChat documents them: `scene` 1–32 visible characters of [0-9A-Za-z!#$&'()*+,/:;=?@-._~]
 * (40169 otherwise), `page` without a leading slash (41030 for a malformed one), `width` 280–1280.
 */
import QRCode from 'qrcode';
import { WxApiError, withRid } from './wx-answer';

const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

export async function wxacodeUnlimited(req: Record<string, unknown>): Promise<{ contentType: string; bytes: Buffer }> {
  const scene = typeof req.scene === 'string' ? req.scene : '';
  if (!SCENE.test(scene)) throw new WxApiError(40169, withRid('invalid length for scene, or the data is not json string'));
  const page = typeof req.page === 'string' ? req.page : '';
  if (page && (page.startsWith('/') || /\s/.test(page))) throw new WxApiError(41030, withRid('invalid page hint'));
  const width = typeof req.width === 'number' ? Math.min(1280, Math.max(280, req.width)) : 430;
  const target = `${page || 'pages/index/index'}?scene=${scene}`;
  const bytes = await QRCode.toBuffer(target, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' });
  return { contentType: 'image/png', bytes };
}
