/**
 * The chart component's drawing path: the pure spec → Chart.js mapping in Node, and the real
 * Chart.js drawing on a real canvas in Chromium through `drawChart` (the code weapp and H5 run).
 */
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { chartConfig, formatValue, palette } from '../../src/components/chart/config';
import { launchChromium } from '../e2e/support/browser';

describe('chartConfig', () => {
  it('puts long option texts on a horizontal category axis and hides the legend of a single series', () => {
    const config = chartConfig({ type: 'bar', horizontal: true, labels: ['满意', '一般'], series: [{ name: '人数', values: [3, 1] }], unit: '人' });
    const options = config.options as Record<string, any>;
    expect(options.indexAxis).toBe('y');
    expect(options.scales.x.min).toBe(0);
    expect(options.scales.y.grid.display).toBe(false);
    expect(options.plugins.legend.display).toBe(false);
    expect(config.data.datasets[0].backgroundColor).toBe(palette[0]);
  });

  it('keeps a fixed rating axis, shows the legend for two series and leaves gaps for missing months', () => {
    const config = chartConfig({
      type: 'line', labels: ['6月', '7月', '8月'], min: 1, max: 5, decimals: 1,
      series: [{ name: '满意度', values: [4.3, null, 4.5] }, { name: '安全感', values: [4.1, 4.2, 4.6] }],
    });
    const options = config.options as Record<string, any>;
    expect(options.scales.y).toMatchObject({ min: 1, max: 5 });
    expect(options.plugins.legend.display).toBe(true);
    expect(config.data.datasets.map((d) => d.borderColor)).toEqual([palette[0], palette[1]]);
    expect(config.data.datasets[0].data).toEqual([4.3, null, 4.5]);
  });

  it('formats printed values with the unit and decimals', () => {
    expect(formatValue(4.4567, { decimals: 1, unit: '分' })).toBe('4.5分');
    expect(formatValue(12, { unit: '%' })).toBe('12%');
  });
});

describe('drawChart in Chromium', () => {
  let browser: Browser;
  let script: string;

  beforeAll(async () => {
    const out = await build({
      entryPoints: [path.join(__dirname, '../../src/components/chart/draw.ts')],
      bundle: true, write: false, format: 'iife', globalName: 'fqChart', platform: 'browser', target: 'es2019',
    });
    script = out.outputFiles[0].text;
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it('draws the bars in the palette colour, sized for the pixel ratio', async () => {
    const page = await browser.newPage({ deviceScaleFactor: 2 });
    await page.setContent('<canvas id="c" style="width:300px;height:200px"></canvas>');
    await page.addScriptTag({ content: script });
    const result = await page.evaluate(() => {
      const canvas = document.getElementById('c') as HTMLCanvasElement;
      const api = (window as unknown as { fqChart: typeof import('../../src/components/chart/draw') }).fqChart;
      const chart = api.drawChart(canvas, 300, 200, 2, { type: 'bar', labels: ['满意', '一般', '不满意'], series: [{ name: '人数', values: [42, 7, 1] }], unit: '人' });
      const ctx = canvas.getContext('2d')!;
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let blue = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i] === 0x1d && pixels[i + 1] === 0x4e && pixels[i + 2] === 0xd8) blue++;
      const size = [canvas.width, canvas.height];
      chart.destroy();
      return { blue, size };
    });
    expect(result.size).toEqual([600, 400]);
    // The 42 bar alone covers thousands of device pixels.
    expect(result.blue).toBeGreaterThan(2000);
    await page.close();
  });

  it('draws on a node whose 2D context does not point back to its canvas (weapp Canvas 2D)', async () => {
    const page = await browser.newPage();
    await page.setContent('<canvas id="c"></canvas>');
    await page.addScriptTag({ content: script });
    const drawn = await page.evaluate(() => {
      const real = document.getElementById('c') as HTMLCanvasElement;
      // A stand-in for weapp's node: its context is a plain object forwarding to the real one, without `canvas`.
      const ctx = real.getContext('2d')!;
      const bare: Record<string, unknown> = {};
      for (const key of Object.getOwnPropertyNames(CanvasRenderingContext2D.prototype)) {
        if (key === 'canvas' || key === 'constructor') continue;
        const d = Object.getOwnPropertyDescriptor(CanvasRenderingContext2D.prototype, key)!;
        if (typeof d.value === 'function') bare[key] = (...args: unknown[]) => (d.value as Function).apply(ctx, args);
        else Object.defineProperty(bare, key, { get: () => (ctx as any)[key], set: (v) => { (ctx as any)[key] = v; } });
      }
      const node = {
        get width() { return real.width; }, set width(v: number) { real.width = v; },
        get height() { return real.height; }, set height(v: number) { real.height = v; },
        getContext: () => bare,
      };
      const api = (window as unknown as { fqChart: typeof import('../../src/components/chart/draw') }).fqChart;
      api.drawChart(node as never, 200, 120, 1, { type: 'line', labels: ['6月', '7月'], series: [{ name: '满意度', values: [4, 5] }], min: 1, max: 5 });
      const pixels = ctx.getImageData(0, 0, real.width, real.height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
      return painted;
    });
    expect(drawn).toBeGreaterThan(500);
    await page.close();
  });
});
