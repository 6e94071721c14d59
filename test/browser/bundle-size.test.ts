import { surfaceSizes } from '../../dev/bundle-size';

describe('bundle size', () => {
  it('keeps every surface well under 200 KB of gzipped JavaScript', () => {
    const sizes = surfaceSizes();
    expect(sizes.map((s) => s.surface)).toContain('portfolio-health gadget');
    for (const size of sizes)
      expect({ surface: size.surface, underLimit: size.jsGzipBytes < 200 * 1024 }).toEqual({
        surface: size.surface,
        underLimit: true,
      });
    const gadget = sizes.find((s) => s.surface === 'portfolio-health gadget');
    expect(gadget!.jsGzipBytes).toBeLessThan(160 * 1024);
  });
});
