import { nginxSize } from '../../../src/render/targets/nginx-size';

describe('nginxSize', () => {
  test('whole MiB as m, anything else as k', () => {
    expect(nginxSize(32768)).toBe('32m');
    expect(nginxSize(1024)).toBe('1m');
    expect(nginxSize(1500)).toBe('1500k');
    expect(nginxSize(1)).toBe('1k');
  });

  test('fails on a size that is not a positive whole number of KiB', () => {
    expect(() => nginxSize(0)).toThrow(/nginxSize: 0 is not a positive whole number of KiB/);
    expect(() => nginxSize(1.5)).toThrow(/nginxSize: 1\.5 is not/);
  });
});
