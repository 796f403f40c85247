/**
 * Runs the BUILT mini-program (dist/weapp) inside miniprogram-simulate, the way WeChat would:
 * app.js first (it loads Taro's runtime, React and the app), then a page's JS, whose `Page(...)` is
 * rendered as a component with the official `wcc` compiler (Taro's templates use <import>,
 * <template is> and <wxs src>, which only the official compiler handles).
 *
 * WeChat's globals that miniprogram-simulate does not provide are shimmed here before app.js runs:
 * `App`, `getApp`, `getCurrentPages`, and `Page` mapped onto `Component` (page lifecycles driven
 * from the component's `attached`). `wx.cloud` is replaced by the caller's answerer (see cloud-fixtures.ts).
 *
 * Must run in a jsdom jest environment. One app per test file: like WeChat, the app launches once.
 */
import path from 'node:path';

/** miniprogram-simulate's API, as much as we use (it ships its own loose typings). */
interface Simulate {
  load(componentPath: string, options: { compiler: 'official'; rootPath: string }): string;
  render(id: string, properties?: Record<string, unknown>): RenderedComponent;
}

/** A j-component instance as miniprogram-simulate returns it. */
export interface RenderedComponent {
  dom: HTMLElement;
  instance: { data: Record<string, unknown> };
  attach(parent: Element): void;
  detach(): void;
  querySelector(selector: string): RenderedComponent | undefined;
  querySelectorAll(selector: string): RenderedComponent[];
  dispatchEvent(eventName: string, options?: Record<string, unknown>): void;
}

/** What `wx.cloud.callFunction` resolves with (only the part our client reads, plus the standard fields). */
export interface CallFunctionSuccess {
  result: unknown;
  errMsg: string;
  requestID: string;
}

export interface CloudCall {
  name: string;
  data: unknown;
}

export type CloudAnswerer = (call: CloudCall) => unknown;

/** `wx.cloud.uploadFile`'s parameters, as much as the app passes. */
export interface UploadFileParams {
  cloudPath: string;
  filePath: string;
  success?: (res: { fileID: string; statusCode: number; errMsg: string }) => void;
  fail?: (err: { errMsg: string }) => void;
}

/** The upload task `wx.cloud.uploadFile` returns (progress only). */
export interface UploadTask {
  onProgressUpdate(listener: (p: { progress: number; totalBytesSent: number; totalBytesExpectedToSend: number }) => void): void;
}

/** A page instance as our `Page` shim exposes it to getCurrentPages(). */
interface PageInstance {
  route: string;
  options: Record<string, string>;
  [method: string]: unknown;
}

type Options = Record<string, unknown>;
type Lifecycle = (this: PageInstance, ...args: unknown[]) => unknown;

export interface MiniProgram {
  dist: string;
  /** Every wx.cloud.callFunction the app made, in order. */
  calls: CloudCall[];
  /** Renders a page (route as in app.json, e.g. 'pages/home/index') attached to the document. */
  openPage(route: string, query?: Record<string, string>): RenderedComponent;
}

/** The lifecycle names WeChat calls on a page, in the order of a first show. */
const FIRST_SHOW = ['onLoad', 'onShow', 'onReady'] as const;

/** `uploadFile`: answers `wx.cloud.uploadFile` (tests of photo uploads); without it an upload fails. */
export function launchMiniProgram(dist: string, answer: CloudAnswerer, options: { uploadFile?: (params: UploadFileParams) => UploadTask } = {}): MiniProgram {
  // Requiring miniprogram-simulate defines global Component/Behavior and global wx (its API stubs).
  const simulate = require('miniprogram-simulate') as Simulate;
  const g = globalThis as unknown as Record<string, unknown>;
  const calls: CloudCall[] = [];

  const wx = g.wx as Record<string, unknown>;
  wx.cloud = {
    init: () => undefined,
    uploadFile: (params: UploadFileParams): UploadTask => {
      if (options.uploadFile) return options.uploadFile(params);
      setTimeout(() => params.fail?.({ errMsg: 'cloud.uploadFile:fail no uploader in this test' }), 0);
      return { onProgressUpdate: () => undefined };
    },
    callFunction: (params: { name: string; data?: unknown; success?: (r: unknown) => void; fail?: (e: unknown) => void }) => {
      const call = { name: params.name, data: params.data ?? {} };
      calls.push(call);
      // Answered on a later tick, as a network call would be.
      return new Promise<CallFunctionSuccess>((resolve) => setTimeout(resolve, 0)).then(() => {
        const res: CallFunctionSuccess = { result: answer(call), errMsg: 'cloud.callFunction:ok', requestID: `simulate-${calls.length}` };
        params.success?.(res);
        return res;
      });
    },
  };

  let app: Options | null = null;
  const pages: PageInstance[] = [];
  let loading: { route: string; query: Record<string, string> } | null = null;

  g.App = (options: Options) => {
    app = options;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => [...pages];
  const Component = g.Component as (options: Options) => void;
  g.Page = (options: Options) => {
    const target = loading;
    if (!target) throw new Error('Page() ran outside openPage()');
    const methods: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) if (typeof value === 'function') methods[key] = value;
    Component({
      data: (options.data as Options | undefined) ?? {},
      methods,
      lifetimes: {
        attached(this: PageInstance) {
          this.route = target.route;
          this.options = target.query;
          pages.push(this);
          for (const name of FIRST_SHOW) {
            const fn = this[name] as Lifecycle | undefined;
            fn?.call(this, name === 'onLoad' ? target.query : {});
          }
        },
        detached(this: PageInstance) {
          (this.onUnload as Lifecycle | undefined)?.call(this);
          pages.splice(pages.indexOf(this), 1);
        },
      },
    });
  };

  require(path.join(dist, 'app.js'));
  if (!app) throw new Error(`${dist}/app.js did not call App()`);
  const launched = app as Options;
  const launch = { path: 'pages/home/index', query: {}, scene: 1001 };
  (launched.onLaunch as ((o: unknown) => void) | undefined)?.call(launched, launch);
  (launched.onShow as ((o: unknown) => void) | undefined)?.call(launched, launch);

  return {
    dist,
    calls,
    openPage(route, query = {}) {
      loading = { route, query };
      try {
        const id = simulate.load(path.join(dist, route), { compiler: 'official', rootPath: dist });
        const page = simulate.render(id);
        page.attach(document.body);
        return page;
      } finally {
        loading = null;
      }
    },
  };
}
