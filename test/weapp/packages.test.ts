/**
 * The built app.json follows the route table (types/routes.ts): only home in the main package, the
 * resident subpackage preloaded from home, and paths with their query built the same way everywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensureTaroBuild } from '../../scripts/taro-build';
import { mainRoutes, pagePath, routePath, subPackages } from '../../types/routes';

interface AppJson {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
  preloadRule: Record<string, { network: string; packages: string[] }>;
}

let app: AppJson;

beforeAll(async () => {
  const dist = await ensureTaroBuild('weapp');
  app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as AppJson;
}, 600_000);

it('the main package holds home only, and WeChat opens it first', () => {
  expect(app.pages).toEqual([routePath('home')]);
  expect(Object.keys(mainRoutes)).toEqual(['home']);
});

it('every other page is in a subpackage of the table, and home preloads the residents one', () => {
  expect(app.subPackages).toEqual(Object.values(subPackages).map((p) => ({ root: p.root, pages: Object.values(p.routes) })));
  expect(app.preloadRule).toEqual({ [routePath('home')]: { network: 'all', packages: [subPackages.resident.root] } });
  expect(routePath('caseDetail')).toBe('pkg-resident/case/index');
  expect(routePath('staffCase')).toBe('pkg-staff/case/index');
});

it('pagePath builds /<path>?query with encoded values and no empty parameters', () => {
  expect(pagePath('caseDetail', { id: 'abc' })).toBe('/pkg-resident/case/index?id=abc');
  expect(pagePath('join', { communityId: '梦和园 1' })).toBe(`/pkg-resident/join/index?communityId=${encodeURIComponent('梦和园 1')}`);
  expect(pagePath('join', { communityId: '' })).toBe('/pkg-resident/join/index');
  expect(pagePath('home')).toBe('/pages/home/index');
});

it('the route table and the limits import nothing (Taro evaluates app.config.ts in Node; pages stay free of zod)', () => {
  for (const file of ['routes.ts', 'limits.ts']) {
    const source = fs.readFileSync(path.join(__dirname, '..', '..', 'types', file), 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/require\(/);
  }
});
