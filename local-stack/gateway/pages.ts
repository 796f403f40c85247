/** The gateway's own small pages (Simplified Chinese): sign-in and "H5 not built" (/_dev is local cloud's console). */
import type { DemoPerson } from '../demo-people';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
  :root { color-scheme: light; --brand: #1f4e9c; --line: #e6e8ee; --muted: #6b7280; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.6 -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
         background: #f5f6f8; color: #1f2329; }
  main { max-width: 560px; margin: 0 auto; padding: 32px 16px 48px; }
  h1 { font-size: 22px; margin: 0 0 4px; color: var(--brand); }
  p.lead { margin: 0 0 24px; color: var(--muted); }
  ul { list-style: none; margin: 0; padding: 0; }
  li { margin: 0 0 12px; }
  form { margin: 0; }
  button.person { width: 100%; text-align: left; border: 1px solid var(--line); border-radius: 12px; background: #fff;
                  padding: 14px 16px; cursor: pointer; display: block; font: inherit; color: inherit; }
  button.person:hover, button.person:focus-visible { border-color: var(--brand); outline: none; box-shadow: 0 0 0 3px #1f4e9c22; }
  .name { font-size: 17px; font-weight: 600; }
  .role { display: inline-block; margin-left: 8px; padding: 0 8px; border-radius: 10px; background: #e8eefa; color: var(--brand);
          font-size: 12px; vertical-align: 2px; }
  .desc { display: block; color: var(--muted); font-size: 13px; margin-top: 2px; }
  .note { margin-top: 24px; font-size: 13px; color: var(--muted); }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  td, th { border: 1px solid var(--line); padding: 6px 8px; font-size: 13px; text-align: left; }
  a { color: var(--brand); }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

export function loginPage(people: DemoPerson[], next: string, signedInAs: DemoPerson | null): string {
  const items = people
    .map(
      (p) => `<li><form method="post" action="/login">
  <input type="hidden" name="openid" value="${escapeHtml(p.openid)}"><input type="hidden" name="next" value="${escapeHtml(next)}">
  <button class="person" type="submit" data-openid="${escapeHtml(p.openid)}">
    <span class="name">${escapeHtml(p.name)}</span><span class="role">${escapeHtml(p.roleLabel)}</span>
    <span class="desc">${escapeHtml(p.description)}</span>
  </button></form></li>`,
    )
    .join('\n');
  const current = signedInAs
    ? `<p class="note">当前身份：${escapeHtml(signedInAs.name)}（${escapeHtml(signedInAs.roleLabel)}）。
       <a href="${escapeHtml(next)}">继续使用</a>，或选择其他身份。</p>`
    : '';
  return page(
    '枫桥家园 · 本地登录',
    `<h1>枫桥家园 · 本地演示</h1>
<p class="lead">请选择一位演示人员登录。在微信里身份来自微信账号；本地环境用这里的选择代替。</p>
${current}
<ul>${items}</ul>
<p class="note">这是本地开发环境，仅供演示和测试使用。</p>`,
  );
}

export function missingBuildPage(): string {
  return page(
    '枫桥家园 · H5 尚未构建',
    `<h1>H5 页面尚未构建</h1>
<p class="lead">没有找到 dist/h5。请运行 <code>npm run build:h5</code> 后刷新本页；云函数接口（/api/…）已经可以使用。</p>
<p><a href="/login">切换演示身份</a> · <a href="/_dev">开发者工具</a></p>`,
  );
}
