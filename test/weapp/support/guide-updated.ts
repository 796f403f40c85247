/**
 * The resident's home page when the privacy guide changed to `version` after she agreed: whoami
 * reports the guide in force (currentPrivacyVersion) and follows what she consents to, as the backend
 * does. The page is opened (and her greeting shown) in beforeAll.
 */
import { residentFixtures } from './cloud-fixtures';
import { fixtureApp } from './fixture-app';
import type { MiniProgram, RenderedComponent } from './mini-program';
import { settle } from './render';

export function homeAfterGuideUpdate(
  version: string,
  prepareWx: (wx: Record<string, unknown>) => void,
): { app: () => MiniProgram; home: () => RenderedComponent } {
  const whoami = residentFixtures['session.whoami']!;
  let consented = whoami.privacyVersion;
  const app = fixtureApp(
    { ...residentFixtures, 'session.consentPrivacy': { privacyConsented: true, consentedAt: '2026-11-29T10:00:00+08:00' } },
    {
      prepareWx,
      answerFirst: (call) => {
        if (call.name !== 'session') return undefined;
        const data = call.data as { action?: string; input?: { version?: string } };
        if (data.action === 'consentPrivacy') consented = data.input?.version ?? consented;
        if (data.action === 'whoami') return { ok: true, data: { ...whoami, privacyVersion: consented, currentPrivacyVersion: version } };
        return undefined;
      },
    },
  );
  let home: RenderedComponent | undefined;
  beforeAll(async () => {
    home = app().openPage('pages/home/index');
    await settle(home, (text) => text.includes('刘玉芬，您好'));
  }, 30_000);
  return {
    app,
    home: () => {
      if (!home) throw new Error('the home page is opened in beforeAll');
      return home;
    },
  };
}
