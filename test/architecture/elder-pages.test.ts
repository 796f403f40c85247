/**
 * 长辈模式 reaches every page of the mini-program (issue 14): in weapp there is no <html> to carry the
 * `fq-elder` class, so every page of the route table must put `elderClass()` on its outermost view
 * (scripts/elder-pages.ts adds it; run it after adding a page). The checker itself is shown to refuse a
 * page without it, to follow a shared frame component, and to fix a page the way the script does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { allRoutes, applyElderClass, elderStatus, pagesWithoutElderMode } from '../../scripts/elder-pages';

const SCRATCH = path.resolve(__dirname, '..', '..', 'test-results', 'elder-pages');

function write(rel: string, text: string): string {
  const file = path.join(SCRATCH, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

beforeAll(() => fs.rmSync(SCRATCH, { recursive: true, force: true }));

test('every page of the route table carries 长辈模式 on its outermost view', () => {
  expect(allRoutes().length).toBeGreaterThan(30);
  const missing = pagesWithoutElderMode().map((m) => `${m.route}: ${path.relative(process.cwd(), m.file)} — ${m.why} (fix: npm run elder-pages)`);
  expect(missing).toEqual([]);
});

test('a page without it is refused, and the script fixes it with one import and one className', () => {
  const before = [
    "import { View, Text } from '@tarojs/components'",
    "import './index.scss'",
    '',
    'export default function Sample() {',
    '  const ready = true',
    '  if (!ready) return <View className="sample__wait" />',
    '  return (',
    '    <View className="sample">',
    '      <Text>页面</Text>',
    '    </View>',
    '  )',
    '}',
    '',
  ].join('\n');
  const file = write('plain/index.tsx', before);
  const status = elderStatus(file);
  expect(status).toEqual({ ok: false, why: expect.stringContaining('<View> at line 8'), fixable: true });

  expect(applyElderClass(file)).toBe(true);
  const after = fs.readFileSync(file, 'utf8');
  expect(elderStatus(file)).toEqual({ ok: true });
  expect(after).toContain("import { elderClass } from '@/lib/elderMode'\nimport './index.scss'");
  expect(after).toContain('<View className={`sample${elderClass()}`}>');
  // Only the two lines changed: the early return and everything else are as they were.
  const changed = after.split('\n').filter((line) => !before.split('\n').includes(line));
  expect(changed).toHaveLength(2);
});

test('a page framed by a shared component passes only when the component carries it', () => {
  const frame = write('components/Frame.tsx', "import { View } from '@tarojs/components'\nexport default function Frame({ children }: { children: unknown }) {\n  return <View className=\"frame\">{children}</View>\n}\n");
  const page = write('framed/index.tsx', "import Frame from '../components/Frame'\nexport default function Framed() {\n  return <Frame>内容</Frame>\n}\n");
  const refused = elderStatus(page);
  expect(refused.ok).toBe(false);
  expect(refused).toMatchObject({ fixable: false, why: expect.stringContaining('<Frame>') });

  fs.writeFileSync(frame, fs.readFileSync(frame, 'utf8').replace('className="frame"', 'className={`frame${elderClass()}`}'));
  expect(elderStatus(page)).toEqual({ ok: true });
});
