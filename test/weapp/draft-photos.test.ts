/**
 * @jest-environment jsdom
 *
 * The built report page after the app was closed mid-report (issue 16): the draft comes back from the
 * device's storage with its photos as the on-device copies `keepPhoto` made (the user data folder,
 * which outlives the app, unlike the picker's temporary paths). A photo that had not finished
 * uploading goes up again by itself from that copy, into `case-photos/`; a photo that had finished
 * keeps its file id and is not uploaded again; a failed re-upload offers 点此重传, which uploads the
 * same copy; and the draft on the device then holds the file id, so a further restart uploads nothing.
 * A newly picked photo is likewise kept as a copy in the user data folder, never the picker's temporary path.
 * WeChat's storage, picker, compressor, file system and cloud upload are stubbed at `wx`, the platform's edge.
 * Its own file: the app keeps the session in module state, and each jest file loads the app afresh.
 */
import { routePath } from '../../types/routes';
import { ensureTaroBuild } from '../../scripts/taro-build';
import { answerFromFixtures, residentFixtures, type ContractAnswerer } from './support/cloud-fixtures';
import { launchMiniProgram, type MiniProgram, type RenderedComponent, type UploadFileParams } from './support/mini-program';
import { findByText, settle, tap, textOf } from './support/render';

jest.setTimeout(30_000);

const USER_DATA = 'wxfile://usr';
const DRAFT_KEY = 'fq.draft.report';
const unfinished = `${USER_DATA}/fq-drafts/1764550000000-a1b2c3.jpg`;
const finished = `${USER_DATA}/fq-drafts/1764550000001-d4e5f6.jpg`;
const finishedId = 'cloud://fengqiao-local.6665-fengqiao-local-1250000000/case-photos/2026-12-01/1764550000001-kept.jpg';

interface StoredPhoto {
  key: string;
  localPath: string;
  progress: number;
  fileID?: string;
  error?: string;
}
interface StoredDraft {
  savedAt: number;
  value: { clientRequestId: string; description: string; photos: StoredPhoto[] } & Record<string, unknown>;
}

/** The device's storage, which miniprogram-simulate only stubs: what survives a restart. */
const storage = new Map<string, unknown>();
const uploads: UploadFileParams[] = [];
/** How the next uploads end, in order; an upload beyond the list succeeds. */
const outcomes: ('fail' | 'ok')[] = ['fail'];
/** The user data folder's folders and the copies made into it (FileSystemManager, stubbed likewise). */
const folders = new Set<string>();
const copies: { from: string; to: string }[] = [];

type AsyncOptions = { success?: (r: unknown) => void };
/** As WeChat's asynchronous APIs answer: through `success` when given, else a promise (Taro passes no callbacks). */
function answerLater(o: AsyncOptions, result: unknown): Promise<unknown> | undefined {
  const later = new Promise<unknown>((resolve) => setTimeout(() => resolve(result), 0));
  if (!o.success) return later;
  void later.then(o.success);
  return undefined;
}

let mp: MiniProgram;
let backend: ContractAnswerer;
let page: RenderedComponent;

beforeAll(async () => {
  const dist = await ensureTaroBuild('weapp');
  // Installed before the app loads, as Taro looks the platform APIs up once.
  require('miniprogram-simulate');
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wx.env = { USER_DATA_PATH: USER_DATA };
  wx.setStorageSync = (key: string, value: unknown) => void storage.set(key, JSON.parse(JSON.stringify(value)));
  wx.getStorageSync = (key: string) => (storage.has(key) ? JSON.parse(JSON.stringify(storage.get(key))) : '');
  wx.removeStorageSync = (key: string) => void storage.delete(key);
  // The picker and the compressor answer temporary paths, which die with the app.
  wx.chooseMedia = (o: AsyncOptions) => answerLater(o, { type: 'image', tempFiles: [{ tempFilePath: 'http://tmp/picked.jpg', size: 2_000_000, fileType: 'image' }], errMsg: 'chooseMedia:ok' });
  wx.compressImage = (o: AsyncOptions) => answerLater(o, { tempFilePath: 'http://tmp/compressed.jpg', errMsg: 'compressImage:ok' });
  wx.getFileSystemManager = () => ({
    accessSync: (dir: string) => {
      if (!folders.has(dir)) throw new Error(`access:fail no such file or directory ${dir}`);
    },
    mkdirSync: (dir: string) => void folders.add(dir),
    copyFileSync: (from: string, to: string) => void copies.push({ from, to }),
  });

  // What the previous run of the app left: one photo still uploading (60 %), one uploaded.
  const draft: StoredDraft = {
    savedAt: Date.now() - 10 * 60_000,
    value: {
      clientRequestId: 'draft-before-restart',
      category: 'fire_lane_blocked',
      description: '3号楼东侧消防通道被私家车堵住了两天',
      anonymous: false,
      location: { buildingId: 'building-menghe-3', buildingName: '3号楼' },
      photos: [
        { key: 'p1', localPath: unfinished, progress: 60 },
        { key: 'p2', localPath: finished, progress: 100, fileID: finishedId },
      ],
    },
  };
  storage.set(DRAFT_KEY, draft);

  backend = answerFromFixtures(residentFixtures);
  mp = launchMiniProgram(dist, (call) => backend.answer(call), {
    uploadFile: (params) => {
      uploads.push(params);
      const outcome = outcomes.shift() ?? 'ok';
      const listeners: ((p: { progress: number; totalBytesSent: number; totalBytesExpectedToSend: number }) => void)[] = [];
      // Answered on later ticks, as the network would.
      setTimeout(() => {
        for (const l of listeners) l({ progress: 50, totalBytesSent: 50, totalBytesExpectedToSend: 100 });
        setTimeout(() => {
          if (outcome === 'fail') params.fail?.({ errMsg: 'cloud.uploadFile:fail network' });
          else params.success?.({ fileID: `cloud://fengqiao-local.6665-fengqiao-local-1250000000/${params.cloudPath}`, statusCode: 200, errMsg: 'cloud.uploadFile:ok' });
        }, 0);
      }, 0);
      return { onProgressUpdate: (l) => void listeners.push(l) };
    },
  });
  page = mp.openPage(routePath('report'));
  await settle(page, (text) => text.includes('遇到了什么问题'));
}, 600_000);

afterEach(() => {
  expect(backend.problems).toEqual([]);
});

const storedPhotos = () => (storage.get(DRAFT_KEY) as StoredDraft | undefined)?.value.photos ?? [];
const storedPhoto = (key: string) => storedPhotos().find((p) => p.key === key);

it('brings the draft back and uploads the unfinished photo again, from its kept copy, into case-photos/', async () => {
  // The restored form: its notice, the chosen category and the description's length (a textarea's value is no text).
  for (const part of ['已恢复', '保存的草稿', '消防通道堵塞✓', '18/500']) expect(textOf(page)).toContain(part);
  await settle(page, () => uploads.length >= 1);
  expect(uploads.map((u) => u.filePath)).toEqual([unfinished]);
  expect(uploads[0]!.cloudPath).toMatch(/^case-photos\/\d{4}-\d{2}-\d{2}\/\d+-[a-z0-9]+\.jpg$/);
});

it('offers 点此重传 when that upload fails, and the retry uploads the same kept copy', async () => {
  await settle(page, (text) => text.includes('点此重传'));
  // The draft is saved after the render: wait for it.
  await settle(page, () => storedPhoto('p1')?.error !== undefined);
  expect(storedPhoto('p1')).toMatchObject({ localPath: unfinished });
  tap(findByText(page, '点此重传', 'fq-photos__veil--error'));
  await settle(page, () => storedPhoto('p1')?.fileID !== undefined);
  expect(uploads.map((u) => u.filePath)).toEqual([unfinished, unfinished]);
  expect(textOf(page)).not.toContain('点此重传');
});

it('keeps both photos in the draft on the device with their file ids, the uploaded one never sent again', () => {
  const photos = storedPhotos();
  expect(photos).toEqual([
    expect.objectContaining({ key: 'p1', localPath: unfinished, progress: 100, fileID: expect.stringMatching(/\/case-photos\/.+\.jpg$/) }),
    expect.objectContaining({ key: 'p2', localPath: finished, fileID: finishedId }),
  ]);
  // Only on-device copies that outlive the app are kept, never a temporary path.
  expect(photos.every((p) => p.localPath.startsWith(`${USER_DATA}/fq-drafts/`))).toBe(true);
  expect(uploads.some((u) => u.filePath === finished)).toBe(false);
  expect((storage.get(DRAFT_KEY) as StoredDraft).value.clientRequestId).toBe('draft-before-restart');
});

it('keeps a newly picked photo as a copy in the user data folder, not the picker\'s temporary path, and uploads that copy', async () => {
  tap(findByText(page, '还可加7张', 'fq-photos__add'));
  await settle(page, () => storedPhotos().length === 3 && storedPhotos()[2]!.fileID !== undefined);
  const added = storedPhotos()[2]!;
  expect(copies).toEqual([{ from: 'http://tmp/compressed.jpg', to: added.localPath }]);
  expect(added.localPath).toMatch(/^wxfile:\/\/usr\/fq-drafts\/\d+-[a-z0-9]+\.jpg$/);
  expect(uploads.at(-1)!.filePath).toBe(added.localPath);
  expect(storedPhotos().some((p) => p.localPath.startsWith('http://tmp/'))).toBe(false);
});
