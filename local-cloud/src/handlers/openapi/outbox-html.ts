import type { OutboxEntry } from './outbox-store';

function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function dataLines(data: unknown): string {
  if (!data || typeof data !== 'object') return esc(JSON.stringify(data));
  return Object.entries(data as Record<string, unknown>)
    .map(([k, v]) => {
      const value = v && typeof v === 'object' ? (v as Record<string, unknown>).value : v;
      return `<div><code>${esc(k)}</code>：${esc(value)}</div>`;
    })
    .join('');
}

/** A plain page a developer keeps open while clicking through the app; refreshes itself. */
export function renderOutboxHtml(entries: OutboxEntry[], touser?: string): string {
  const rows = entries
    .map(
      (e) => `<tr class="${e.ok ? 'ok' : 'fail'}">
  <td>${esc(e.id)}</td>
  <td>${esc(new Date(e.time).toLocaleString('zh-CN', { hour12: false }))}</td>
  <td><a href="?touser=${encodeURIComponent(e.touser)}"><code>${esc(e.touser)}</code></a></td>
  <td><code>${esc(e.template_id)}</code></td>
  <td><code>${esc(e.page)}</code></td>
  <td>${dataLines(e.data)}</td>
  <td>${esc(e.miniprogram_state)} / ${esc(e.lang)}</td>
  <td>${e.ok ? '已发送 sent' : `未发送 refused<br><small>${esc(e.errcode)} ${esc(e.errmsg)}</small>`}</td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>订阅消息发件箱 · Subscribe-message outbox</title>
<style>
body{font:14px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f5f5f5}tr.fail{background:#fff3f3}tr.ok td:last-child{color:#0a7d2c}tr.fail td:last-child{color:#b3261e}
code{font-size:12px}
</style></head><body>
<h1>订阅消息发件箱 <small>Subscribe-message outbox</small></h1>
<p><a href="/_dev#outbox">打开控制台 · open the console</a></p>
<p>${touser ? `仅显示 <code>${esc(touser)}</code> 的消息 · <a href="?">显示全部 show all</a>` : '全部消息，最新在前 · all messages, newest first'}（每 5 秒刷新 · refreshes every 5 s）</p>
<table><thead><tr><th>#</th><th>时间 Time</th><th>接收者 touser</th><th>模板 template_id</th><th>页面 page</th><th>内容 data</th><th>版本/语言 state/lang</th><th>结果 result</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="8">暂无消息 · no messages yet</td></tr>'}
</tbody></table>
</body></html>`;
}
