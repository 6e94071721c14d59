import { surfaceSizes } from '../../dev/bundle-size';

describe('bundle size', () => {
  it('keeps every surface well under 200 KB of gzipped JavaScript, each gadget under 170 KB', () => {
    const sizes = surfaceSizes();
    expect(sizes.map((s) => s.surface)).toEqual(
      expect.arrayContaining([
        'portfolio health gadget',
        'delivery flow gadget',
        'value by goal gadget',
        'forecast gadget',
        'recent wins gadget',
      ]),
    );
    for (const size of sizes) {
      const limit = size.surface.endsWith(' gadget') ? 170 : 190;
      expect({ surface: size.surface, underLimit: size.jsGzipBytes < limit * 1024 }).toEqual({
        surface: size.surface,
        underLimit: true,
      });
    }
  });
});
