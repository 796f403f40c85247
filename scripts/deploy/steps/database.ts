/**
 * Database step: collections, indexes and permissions from collections.json. Safe to re-run:
 * existing collections and identical indexes are left alone; an index that exists under the same
 * name with different keys stops the run (dropping a production index is a decision for a person).
 */
import type { DatabaseAdmin, RemoteIndex } from '../clients';
import type { CollectionDeclaration, IndexDeclaration } from '../declarations';
import { StepError, type StepItem, type StepReport } from './report';

function sameIndex(remote: RemoteIndex, declared: IndexDeclaration): boolean {
  return remote.unique === declared.unique
    && remote.keys.length === declared.keys.length
    && remote.keys.every((k, i) => k.field === declared.keys[i].field && Number(k.direction) === declared.keys[i].direction);
}

function describeRemote(i: RemoteIndex): string {
  return `${i.keys.map((k) => `${k.field}:${k.direction}`).join(', ')}${i.unique ? ' 唯一' : ''}`;
}

function describeDeclared(i: IndexDeclaration): string {
  return `${i.keys.map((k) => `${k.field}:${k.direction}`).join(', ')}${i.unique ? ' 唯一' : ''}`;
}

export async function deployDatabase(db: DatabaseAdmin, collections: readonly CollectionDeclaration[], log: (line: string) => void, report: StepReport = { step: 'database', items: [] }): Promise<StepReport> {
  // Filled as we go, so a failure part-way still reports what was done.
  const items: StepItem[] = report.items;
  for (const c of collections) {
    const created = await db.ensureCollection(c.name);
    items.push({ subject: `集合 ${c.name}`, outcome: created === 'created' ? 'created' : 'unchanged' });
    log(`  集合 ${c.name}：${created === 'created' ? '已创建' : '已存在'}`);

    const remote = await db.listIndexes(c.name);
    for (const idx of c.indexes) {
      const existing = remote.find((r) => r.name === idx.name);
      if (!existing) {
        await db.createIndex(c.name, idx);
        items.push({ subject: `索引 ${c.name}.${idx.name}`, outcome: 'created' });
        log(`    索引 ${idx.name}：已创建`);
      } else if (sameIndex(existing, idx)) {
        items.push({ subject: `索引 ${c.name}.${idx.name}`, outcome: 'unchanged' });
      } else {
        throw new StepError(
          `集合 ${c.name} 的索引 ${idx.name} 在线上已存在，但定义不同（线上：${describeRemote(existing)}；声明：${describeDeclared(idx)}）。`
          + '为避免误删线上索引，部署不会自动修改它：请给新索引换个名字，或在云开发控制台删除旧索引后重新运行。',
          `${c.name}.${idx.name}`,
        );
      }
    }
    for (const extra of remote.filter((r) => r.name !== '_id_' && !c.indexes.some((i) => i.name === r.name))) {
      items.push({ subject: `索引 ${c.name}.${extra.name}`, outcome: 'kept', note: '线上有、声明里没有，未删除' });
    }

    const permission = await db.getCollectionPermission(c.name);
    if (permission === 'ADMINONLY') {
      items.push({ subject: `权限 ${c.name}`, outcome: 'unchanged' });
    } else {
      try {
        await db.setCollectionAdminOnly(c.name);
      } catch (e) {
        throw new StepError(
          `无法把集合 ${c.name} 的权限设为 ADMINONLY：${(e as Error).message}。`
          + '可在云开发控制台“数据库 → 该集合 → 数据权限”手动选择“所有用户不可读写（仅管理端可读写）”，然后重新运行。',
          c.name,
        );
      }
      items.push({ subject: `权限 ${c.name}`, outcome: 'updated', note: `${permission ?? '未设置'} → ADMINONLY` });
      log(`    权限：${permission ?? '未设置'} → ADMINONLY`);
    }
  }
  await verifyCollectionPermissions(db, collections, items, log);
  await ensurePrivateStorage(db, items, log);
  return report;
}

/** Where a person checks what an API could not confirm. */
const PERMISSION_BY_HAND = '云开发控制台“数据库 → 集合 → 数据权限”应为“所有用户不可读写（仅管理端可读写）”';

/**
 * The permission call manager-node offers is marked deprecated and some environments no longer
 * answer it: read every collection's rule back after setting it, and name any that could not be confirmed.
 */
async function verifyCollectionPermissions(db: DatabaseAdmin, collections: readonly CollectionDeclaration[], items: StepItem[], log: (line: string) => void): Promise<void> {
  const unconfirmed: string[] = [];
  for (const c of collections) {
    const now = await db.getCollectionPermission(c.name);
    if (now === 'ADMINONLY') continue;
    if (now !== undefined) {
      throw new StepError(`集合 ${c.name} 的权限设置后读回来是 ${now}，不是 ADMINONLY。请在${PERMISSION_BY_HAND}，然后重新运行。`, c.name);
    }
    unconfirmed.push(c.name);
  }
  if (unconfirmed.length === 0) {
    items.push({ subject: '集合权限核对', outcome: 'verified', note: `${collections.length} 个集合均为 ADMINONLY` });
    log(`  集合权限：已读回核对，${collections.length} 个集合均为 ADMINONLY`);
  } else {
    items.push({ subject: '集合权限核对', outcome: 'manual', note: `无法读回：${unconfirmed.join('、')}；请在${PERMISSION_BY_HAND}` });
    log(`  集合权限：${unconfirmed.join('、')} 无法通过 API 读回，请人工核对：${PERMISSION_BY_HAND}`);
  }
}

/** Cloud storage's default rule lets any signed-in user read a file whose id they know. */
async function ensurePrivateStorage(db: DatabaseAdmin, items: StepItem[], log: (line: string) => void): Promise<void> {
  const before = await db.getStorageAcl();
  if (before === 'PRIVATE') {
    items.push({ subject: '云存储权限', outcome: 'unchanged', note: '仅创建者及管理员可读写' });
    return;
  }
  try {
    await db.setStorageAclPrivate();
  } catch (e) {
    throw new StepError(`无法把云存储权限设为“仅创建者及管理员可读写”：${(e as Error).message}。可在云开发控制台“存储 → 权限设置”手动选择它，然后重新运行。`, '云存储');
  }
  const after = await db.getStorageAcl();
  if (after !== 'PRIVATE') {
    throw new StepError(`云存储权限设置后读回来是 ${after ?? '（读不到）'}。请在云开发控制台“存储 → 权限设置”选择“仅创建者及管理员可读写”，然后重新运行。`, '云存储');
  }
  items.push({ subject: '云存储权限', outcome: 'updated', note: `${before ?? '未知'} → 仅创建者及管理员可读写` });
  log(`  云存储权限：${before ?? '未知'} → 仅创建者及管理员可读写（PRIVATE）`);
}
