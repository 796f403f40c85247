/**
 * "从群聊打开问卷卡片" on the developer console (issue 10): stands in for a resident tapping the
 * month's survey card in a community's WeChat group. Local cloud issues a stand-in CloudID whose
 * open data is `{ opengid }` of the chosen group; the H5 page is opened with it in the query
 * (`fqGroupCloudID`, where weapp has a shareTicket), `src/services/group.ts` hands it to the function
 * as `wx.cloud.CloudID(…)` would be, and the runtime resolves it as CloudBase does.
 */
import { escapeHtml } from './pages';

/** The resident's survey page (built on the survey pages branch) and the query it reads. */
export const SURVEY_PAGE = '/pkg-resident/survey/index';
export const GROUP_CLOUD_ID_PARAM = 'fqGroupCloudID';

export function groupCardPage(token: string, message?: string): string {
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>从群聊打开问卷卡片</title>
<style>body{font:15px/1.6 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}label{display:block;margin:.8rem 0}input{font:inherit;padding:.3rem;width:100%;box-sizing:border-box}button{font:inherit;padding:.4rem 1rem;margin-top:.8rem}</style>
<h1>从群聊打开问卷卡片</h1>
<p>模拟居民（或民警）在社区微信群里点开本月问卷卡片：本地云为所选群（opengid）签发一个替代的 CloudID，并用它打开问卷页面。先在同一浏览器里以要模拟的身份登录。</p>
${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/_dev/group-card">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<label>群（opengid，替代值）<input name="opengid" required maxlength="64" value="G-demo-menghe"></label>
<label>问卷编号（例如 community-menghe:2026-12）<input name="surveyId" required maxlength="64" placeholder="社区编号:YYYY-MM"></label>
<button type="submit">从群聊打开</button>
</form>
<p><a href="/_dev">返回控制台</a></p>
</html>`;
}

/** Where the browser goes: the survey page with the stand-in CloudID. */
export function groupCardLocation(surveyId: string, cloudID: string): string {
  const query = new URLSearchParams({ id: surveyId, [GROUP_CLOUD_ID_PARAM]: cloudID });
  return `/#${SURVEY_PAGE}?${query.toString()}`;
}

/** Asks local cloud for a stand-in CloudID carrying `{ opengid }`. */
export async function issueGroupCloudId(localCloudUrl: string, opengid: string): Promise<string> {
  const res = await fetch(new URL('/_dev/open-data', localCloudUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ data: { opengid } }),
  });
  const body = (await res.json()) as { cloudID?: unknown; message?: unknown };
  if (!res.ok || typeof body.cloudID !== 'string') throw new Error(typeof body.message === 'string' ? body.message : `HTTP ${res.status}`);
  return body.cloudID;
}
