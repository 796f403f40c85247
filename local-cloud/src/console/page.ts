/**
 * The console page (after the Firebase Emulator Suite UI): one static HTML document whose script
 * talks to /_dev/api/… with relative URLs, so the same page works on local cloud itself and behind
 * the local stack's gateway. Every value from the store reaches the page through textContent or
 * form values, never as HTML: documents hold user text.
 */
const STYLE = `
:root{--brand:#1f4e9c;--line:#e3e6ec;--muted:#6b7280;--bad:#b3261e;--good:#0a7d2c}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2329;background:#f5f6f8}
header{background:var(--brand);color:#fff;padding:10px 16px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:17px;margin:0}
nav button{background:none;border:0;color:#cfdaf0;font:inherit;padding:6px 10px;cursor:pointer;border-radius:6px}
nav button.on{background:#ffffff22;color:#fff}
main{padding:16px}
section{display:none}section.on{display:block}
.row{display:flex;gap:16px;align-items:flex-start}
.side{min-width:220px;max-width:260px}
.grow{flex:1;min-width:0}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px;margin-bottom:12px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top;font-size:13px}
th{background:#f0f2f6}
tr.pick{cursor:pointer}tr.pick:hover{background:#eef3fc}
.coll{display:block;width:100%;text-align:left;border:1px solid var(--line);background:#fff;padding:6px 8px;margin-bottom:6px;border-radius:6px;cursor:pointer;font:inherit}
.coll.on{border-color:var(--brand);box-shadow:0 0 0 2px #1f4e9c22}
.muted{color:var(--muted);font-size:12px}
.bad{color:var(--bad)}.good{color:var(--good)}
input[type=text],textarea{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;border:1px solid #c9ced8;border-radius:6px;padding:5px 7px}
input[type=text]{width:100%}
textarea{width:100%;min-height:360px}
label{display:block;margin:6px 0 2px;color:var(--muted);font-size:12px}
button.act{background:var(--brand);color:#fff;border:0;border-radius:6px;padding:6px 12px;font:inherit;cursor:pointer;margin:6px 6px 0 0}
button.act.warn{background:var(--bad)}
code{font-size:12px}
#status{min-height:20px}
`;

const SCRIPT = String.raw`
(() => {
  const $ = (s) => document.querySelector(s);
  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
      else if (k === 'class') el.className = v;
      else el.setAttribute(k, v);
    }
    for (const kid of kids.flat()) if (kid !== null && kid !== undefined) el.append(kid instanceof Node ? kid : String(kid));
    return el;
  }
  function say(text, bad) {
    const s = $('#status');
    s.textContent = text;
    s.className = bad ? 'bad' : 'good';
  }
  async function api(method, url, body) {
    const init = { method, headers: {} };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(url, init);
    const json = await res.json().catch(() => null);
    if (!res.ok || (json && json.ok === false && json.message)) throw new Error((json && (json.message || json.errMsg)) || 'HTTP ' + res.status);
    return json;
  }
  // A slow answer must not overwrite a newer one (a tab opened, then a filter applied at once).
  const asked = {};
  const newest = (what) => {
    const n = (asked[what] = (asked[what] || 0) + 1);
    return () => asked[what] === n;
  };
  const time = (iso) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');
  const short = (v) => {
    const t = typeof v === 'string' ? v : JSON.stringify(v);
    return t && t.length > 60 ? t.slice(0, 60) + '…' : t;
  };

  // Tabs
  const tabs = { db: '数据库', outbox: '订阅消息', calls: '调用日志', triggers: '定时触发器', files: '文件', faults: '故障注入', data: '导出与重置' };
  const loaders = {};
  function show(name) {
    for (const b of document.querySelectorAll('nav button')) b.classList.toggle('on', b.dataset.tab === name);
    for (const s of document.querySelectorAll('main > section')) s.classList.toggle('on', s.id === 'tab-' + name);
    location.hash = name;
    (loaders[name] || (() => {}))();
  }
  $('nav').append(...Object.entries(tabs).map(([k, label]) => h('button', { 'data-tab': k, on: { click: () => show(k) } }, label)));

  // Database
  let current = null;
  let currentDoc = null;
  loaders.db = async () => {
    const isNewest = newest('collections');
    const list = await api('GET', '/_dev/api/collections');
    if (!isNewest()) return;
    const box = $('#collections');
    box.replaceChildren(
      ...list.map((c) =>
        h('button', { class: 'coll' + (c.name === current ? ' on' : ''), 'data-collection': c.name, on: { click: () => pick(c.name) } },
          h('b', {}, c.name), ' ', h('span', { class: 'muted' }, c.count + ' 条'),
          c.indexes.length ? h('div', { class: 'muted' }, '索引：' + c.indexes.map((i) => i.name + ' (' + i.keys.map((k) => k.field + (k.direction === -1 ? '↓' : '↑')).join(', ') + ')').join('；')) : h('div', { class: 'muted' }, '仅 _id 索引'),
        ),
      ),
    );
  };
  function pick(name) {
    current = name;
    $('#docs-title').textContent = '集合 ' + name;
    $('#filter').value = '';
    $('#sort').value = '';
    $('#skip').value = '0';
    loaders.db();
    query();
  }
  async function query() {
    if (!current) return;
    const q = new URLSearchParams({ collection: current, filter: $('#filter').value, sort: $('#sort').value, skip: $('#skip').value || '0', limit: '20' });
    try {
      const isNewest = newest('documents');
      const r = await api('GET', '/_dev/api/documents?' + q);
      if (!isNewest()) return;
      const plan = r.plan.kind === 'id' ? '主键 _id' : r.plan.index ? '索引 ' + r.plan.index + (r.plan.kind === 'index-order' ? '（仅用于排序）' : '') : '未使用索引（全表扫描）';
      $('#plan').replaceChildren(
        h('span', { id: 'plan-index' }, '查询计划：' + plan), ' · ',
        h('span', { id: 'plan-examined' }, '检查文档 ' + r.examined + ' 个'), ' · ',
        h('span', {}, '匹配 ' + r.total + ' 条'), ' · ', h('span', {}, r.ms + ' ms'),
        ...(r.strictRefusal ? [h('div', { class: 'bad' }, '严格模式会拒绝此查询：' + r.strictRefusal)] : []),
      );
      const keys = $('#columns').value.split(',').map((k) => k.trim()).filter(Boolean);
      if (!keys.length) for (const d of r.docs) for (const k of Object.keys(d)) if (k !== '_id' && !keys.includes(k) && keys.length < 5) keys.push(k);
      const fieldOf = (d, k) => k.split('.').reduce((v, part) => (v && typeof v === 'object' ? v[part] : undefined), d);
      $('#docs').replaceChildren(
        h('tr', {}, h('th', {}, '_id'), keys.map((k) => h('th', {}, k))),
        ...r.docs.map((d) => h('tr', { class: 'pick doc-row', 'data-id': String(d._id), on: { click: () => openDoc(String(d._id)) } }, h('td', {}, h('code', {}, String(d._id))), keys.map((k) => h('td', {}, short(fieldOf(d, k)))))),
      );
      if (!r.docs.length) $('#docs').append(h('tr', {}, h('td', {}, '没有匹配的文档')));
    } catch (e) {
      say('查询失败：' + e.message, true);
    }
  }
  async function openDoc(id) {
    const r = await api('GET', '/_dev/api/document?' + new URLSearchParams({ collection: current, id }));
    currentDoc = id;
    $('#doc-title').textContent = current + ' / ' + id;
    $('#doc-editor').value = JSON.stringify(r.doc, null, 2);
    $('#doc-panel').style.display = 'block';
  }
  $('#query').addEventListener('click', query);
  $('#newest').addEventListener('click', () => { $('#sort').value = 'createdAt:-1'; query(); });
  $('#save-doc').addEventListener('click', async () => {
    try {
      JSON.parse($('#doc-editor').value);
      await api('PUT', '/_dev/api/document?' + new URLSearchParams({ collection: current, id: currentDoc }), $('#doc-editor').value);
      say('已保存 ' + currentDoc);
      query();
    } catch (e) {
      say('保存失败：' + e.message, true);
    }
  });
  $('#delete-doc').addEventListener('click', async () => {
    if (!confirm('删除文档 ' + currentDoc + '？')) return;
    try {
      await api('DELETE', '/_dev/api/document?' + new URLSearchParams({ collection: current, id: currentDoc }));
      say('已删除 ' + currentDoc);
      $('#doc-panel').style.display = 'none';
      loaders.db();
      query();
    } catch (e) {
      say('删除失败：' + e.message, true);
    }
  });

  // Outbox
  loaders.outbox = async () => {
    const q = new URLSearchParams({ limit: '200' });
    if ($('#outbox-touser').value) q.set('touser', $('#outbox-touser').value);
    const isNewest = newest('outbox');
    const list = await api('GET', '/_dev/outbox?' + q);
    const updatable = await api('GET', '/_dev/updatable-messages');
    if (!isNewest()) return;
    const failedOnly = $('#outbox-failed').checked;
    $('#outbox').replaceChildren(
      h('tr', {}, ['#', '时间', '接收者', '模板', '页面', '内容', '结果'].map((t) => h('th', {}, t))),
      ...list.filter((m) => !failedOnly || !m.ok).map((m) =>
        h('tr', {}, h('td', {}, m.id), h('td', {}, time(m.time)), h('td', {}, h('code', {}, m.touser)), h('td', {}, h('code', {}, m.template_id)), h('td', {}, h('code', {}, m.page || '')),
          h('td', {}, Object.entries(m.data || {}).map(([k, v]) => h('div', {}, h('code', {}, k), '：', v && typeof v === 'object' ? v.value : v))),
          h('td', { class: m.ok ? 'good' : 'bad' }, m.ok ? '已送达' : '未送达 ' + m.errcode + ' ' + m.errmsg)),
      ),
    );
    const stateText = (s) => (s === 0 ? '未开始' : s === 1 ? '已开始' : '未设置');
    $('#updatable').replaceChildren(
      h('tr', {}, ['activity_id', '创建时间', '过期时间', '状态', '参数', '修改次数'].map((t) => h('th', {}, t))),
      ...updatable.map((m) =>
        h('tr', {}, h('td', {}, h('code', {}, m.activity_id)), h('td', {}, time(m.created)), h('td', {}, time(m.expires)), h('td', {}, stateText(m.state)),
          h('td', {}, Object.entries(m.parameters).map(([k, v]) => h('div', {}, h('code', {}, k), '：', v))), h('td', {}, m.updates)),
      ),
    );
    if (!updatable.length) $('#updatable').append(h('tr', {}, h('td', {}, '暂无动态消息')));
  };
  $('#outbox-refresh').addEventListener('click', () => loaders.outbox());

  // Invocations
  loaders.calls = async () => {
    const q = new URLSearchParams({ limit: '300' });
    if ($('#calls-fn').value) q.set('fn', $('#calls-fn').value);
    if ($('#calls-caller').value) q.set('caller', $('#calls-caller').value);
    if ($('#calls-failed').checked) q.set('ok', 'false');
    const isNewest = newest('calls');
    const list = await api('GET', '/_dev/api/invocations?' + q);
    if (!isNewest()) return;
    $('#calls').replaceChildren(
      h('tr', {}, ['时间', '云函数', '操作', '调用者', '耗时', '往返次数', '结果'].map((t) => h('th', {}, t))),
      ...list.map((r) =>
        h('tr', { class: 'call-row' }, h('td', {}, time(r.at)), h('td', {}, r.fn), h('td', {}, r.action), h('td', {}, h('code', {}, r.caller)), h('td', {}, r.ms + ' ms'),
          h('td', {}, r.calls ? Object.entries(r.calls).map(([k, v]) => (k === 'db' ? '数据库 ' : k === 'openapi' ? '开放接口 ' : k + ' ') + v).join('，') : '—'),
          h('td', { class: r.ok ? 'good' : 'bad' }, r.ok ? '成功' : '失败 ' + (r.code || ''))),
      ),
    );
    if (!list.length) $('#calls').append(h('tr', {}, h('td', {}, '暂无调用记录')));
  };
  $('#calls-refresh').addEventListener('click', () => loaders.calls());

  // Triggers
  loaders.triggers = async () => {
    const list = await api('GET', '/_dev/api/triggers');
    $('#triggers').replaceChildren(
      h('tr', {}, ['云函数', '触发器', '表达式（UTC+8）', '下次触发', ''].map((t) => h('th', {}, t))),
      ...list.map((t) =>
        h('tr', {}, h('td', {}, t.functionName), h('td', {}, t.triggerName), h('td', {}, h('code', {}, t.expression)), h('td', {}, time(t.nextAt)),
          h('td', {}, h('button', { class: 'act', 'data-fire': t.functionName, on: { click: async () => {
            say('正在触发 ' + t.functionName + '…');
            try {
              const r = await api('POST', '/_dev/api/triggers/fire', { function: t.functionName, trigger: t.triggerName });
              say(r.ok ? '已触发 ' + t.functionName + '：' + short(r.result) : '触发失败：' + r.errMsg, !r.ok);
            } catch (e) { say('触发失败：' + e.message, true); }
          } } }, '立即触发'))),
      ),
    );
    if (!list.length) $('#triggers').append(h('tr', {}, h('td', {}, '没有定时触发器（单独运行 npm run cloud 时没有函数运行时）')));
  };

  // Files
  loaders.files = async () => {
    const isNewest = newest('files');
    const list = await api('GET', '/_dev/api/files?' + new URLSearchParams({ prefix: $('#files-prefix').value }));
    if (!isNewest()) return;
    $('#files').replaceChildren(
      h('tr', {}, ['路径', '大小', '修改时间', '类型'].map((t) => h('th', {}, t))),
      ...list.map((f) => h('tr', {}, h('td', {}, h('a', { href: '/_dev/api/file?' + new URLSearchParams({ key: f.key }), target: '_blank', rel: 'noopener' }, f.key)), h('td', {}, f.size + ' B'), h('td', {}, time(f.mtime)), h('td', {}, f.contentType))),
    );
    if (!list.length) $('#files').append(h('tr', {}, h('td', {}, '没有存储的文件')));
  };
  $('#files-refresh').addEventListener('click', () => loaders.files());

  // Faults
  loaders.faults = async () => {
    const f = await api('GET', '/_dev/faults');
    const injected = f.injected;
    delete f.injected;
    $('#faults-config').value = JSON.stringify(f, null, 2);
    $('#faults-count').textContent = '已注入：' + (Object.entries(injected).map(([k, v]) => k + ' ×' + v).join('，') || '无');
  };
  $('#faults-apply').addEventListener('click', async () => {
    try {
      await api('PUT', '/_dev/faults', $('#faults-config').value);
      say('故障注入已更新');
      loaders.faults();
    } catch (e) { say('更新失败：' + e.message, true); }
  });

  // Export, import, reset
  loaders.data = async () => {
    const o = await api('GET', '/_dev/api/overview');
    $('#overview').textContent = '环境 ' + o.envId + ' · 数据目录 ' + o.dataDir + ' · 严格模式 ' + (o.strict ? '开' : '关') + ' · 演示数据快照 ' + (o.seedSnapshot ? '有' : '无');
  };
  async function lifecycle(path, body, what) {
    say(what + '中…');
    try {
      const r = await api('POST', path, body);
      say(what + '完成：' + JSON.stringify(r));
      return r;
    } catch (e) { say(what + '失败：' + e.message, true); }
  }
  $('#export').addEventListener('click', async () => {
    const r = await lifecycle('/_dev/export', { dir: $('#export-dir').value }, '导出');
    if (r && r.dir && !$('#import-dir').value) $('#import-dir').value = r.dir;
  });
  $('#import').addEventListener('click', () => lifecycle('/_dev/import', { dir: $('#import-dir').value, replace: $('#import-replace').checked }, '导入'));
  $('#reset').addEventListener('click', () => { if (confirm('把所有数据恢复为演示数据快照？')) lifecycle('/_dev/reset', {}, '重置'); });
  $('#snapshot').addEventListener('click', () => { if (confirm('用当前数据覆盖演示数据快照？')) lifecycle('/_dev/snapshot', {}, '拍快照'); });

  show(tabs[location.hash.slice(1)] ? location.hash.slice(1) : 'db');
})();
`;

export function consolePage(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>本地云控制台</title><style>${STYLE}</style></head>
<body>
<header><h1>本地云控制台</h1><nav></nav></header>
<main>
<div id="status" role="status"></div>
<section id="tab-db"><div class="row">
  <div class="side"><div id="collections"></div></div>
  <div class="grow">
    <div class="card">
      <b id="docs-title">选择左侧的集合</b>
      <label for="filter">筛选（JSON，与 SDK 的 where 相同：{"status":"pending","createdAt":{"$gt":{"$date":"2026-01-01T00:00:00Z"}}}）</label>
      <input type="text" id="filter" placeholder='{"字段": "值"}'>
      <div class="row"><div class="grow"><label for="sort">排序（字段:1 或 字段:-1，逗号分隔）</label><input type="text" id="sort" placeholder="createdAt:-1"></div>
      <div class="grow"><label for="columns">显示的字段（逗号分隔，留空：前 5 个）</label><input type="text" id="columns" placeholder="title,status"></div>
      <div style="width:90px"><label for="skip">跳过</label><input type="text" id="skip" value="0"></div></div>
      <button class="act" id="query">查询</button><button class="act" id="newest">最新在前</button>
      <div id="plan" class="muted"></div>
    </div>
    <table id="docs"></table>
    <div class="card" id="doc-panel" style="display:none;margin-top:12px">
      <b id="doc-title"></b>
      <label for="doc-editor">文档（EJSON：日期写作 {"$date": "…"}）</label>
      <textarea id="doc-editor" spellcheck="false"></textarea>
      <button class="act" id="save-doc">保存</button><button class="act warn" id="delete-doc">删除文档</button>
    </div>
  </div>
</div></section>
<section id="tab-outbox">
  <div class="card"><b>订阅消息发件箱</b><label for="outbox-touser">接收者 openid</label><input type="text" id="outbox-touser">
  <label><input type="checkbox" id="outbox-failed"> 只看未送达</label><button class="act" id="outbox-refresh">刷新</button>
  <p class="muted">每次 subscribeMessage.send 都记录在这里，包括被拒绝的（43101 未授权、注入的故障）。</p></div>
  <table id="outbox"></table>
  <div class="card" style="margin-top:12px"><b>动态消息（updatableMessage）</b></div>
  <table id="updatable"></table>
</section>
<section id="tab-calls">
  <div class="card"><div class="row"><div class="grow"><label for="calls-fn">云函数或 函数.操作</label><input type="text" id="calls-fn" placeholder="cases.create"></div>
  <div class="grow"><label for="calls-caller">调用者 openid</label><input type="text" id="calls-caller"></div></div>
  <label><input type="checkbox" id="calls-failed"> 只看失败</label><button class="act" id="calls-refresh">刷新</button></div>
  <table id="calls"></table>
</section>
<section id="tab-triggers"><table id="triggers"></table></section>
<section id="tab-files">
  <div class="card"><label for="files-prefix">路径前缀</label><input type="text" id="files-prefix"><button class="act" id="files-refresh">刷新</button></div>
  <table id="files"></table>
</section>
<section id="tab-faults"><div class="card">
  <p class="muted">按目标注入延迟与失败：目标可写 *、database、database.read、database.write、database.getDocument、openapi、openapi.subscribeMessage.send、storage、functions。
  例：{"latencyMs":{"database":8},"failures":[{"target":"openapi.subscribeMessage.send","rate":0.5,"error":43101}]}；error 也可以是 "timeout"。</p>
  <textarea id="faults-config" spellcheck="false" style="min-height:200px"></textarea>
  <div id="faults-count" class="muted"></div>
  <button class="act" id="faults-apply">应用</button>
</div></section>
<section id="tab-data">
  <div class="card"><div id="overview" class="muted"></div></div>
  <div class="card"><b>导出</b><label for="export-dir">导出到目录（留空：数据目录下 exports/时间）</label><input type="text" id="export-dir">
  <button class="act" id="export">导出</button></div>
  <div class="card"><b>导入</b><label for="import-dir">导出目录</label><input type="text" id="import-dir">
  <label><input type="checkbox" id="import-replace"> 替换现有数据（否则只能导入到空的存储）</label>
  <button class="act" id="import">导入</button></div>
  <div class="card"><b>重置</b><p class="muted">恢复为演示数据快照（本地环境播种后自动拍摄），无需重启。</p>
  <button class="act warn" id="reset">重置为演示数据</button><button class="act" id="snapshot">用当前数据拍快照</button></div>
</section>
</main>
<script>${SCRIPT}</script>
</body></html>`;
}
