/**
 * No secret may travel inside an uploaded package: the API keys, the upload key, or the key file
 * itself. Checked on the exact folders we upload, after the build.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface SecretLeak {
  file: string;
  what: string;
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

/** The body of a PEM key (a long base64 line is enough to recognise a copy). */
function pemFingerprint(pem: string): string | undefined {
  const body = pem.split(/\r?\n/).find((l) => /^[A-Za-z0-9+/=]{40,}$/.test(l.trim()));
  return body?.trim();
}

export function findSecretLeaks(dirs: readonly string[], secrets: readonly { label: string; value: string }[], privateKeyPem?: string): SecretLeak[] {
  const needles = secrets.filter((s) => s.value.length >= 6);
  const keyBody = privateKeyPem ? pemFingerprint(privateKeyPem) : undefined;
  const leaks: SecretLeak[] = [];
  for (const dir of dirs) {
    for (const file of walk(dir)) {
      if (/\.key$|\.pem$/i.test(file) || /(^|[\\/])\.deploy\.env$|deploy\.config\.json$/.test(file)) {
        leaks.push({ file, what: '密钥或部署配置文件' });
        continue;
      }
      const text = fs.readFileSync(file).toString('latin1');
      for (const s of needles) if (text.includes(s.value)) leaks.push({ file, what: s.label });
      if (keyBody && text.includes(keyBody)) leaks.push({ file, what: '小程序代码上传密钥' });
      if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) leaks.push({ file, what: '私钥' });
    }
  }
  return leaks;
}
