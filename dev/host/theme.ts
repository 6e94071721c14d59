/**
 * The design-token CSS a Forge host injects when an app calls view.theme.enable(): light and dark colour
 * themes plus spacing, typography and shape, taken from @atlaskit/tokens' own artifacts.
 */
const THEMES = [
  'atlassian-light',
  'atlassian-dark',
  'atlassian-spacing',
  'atlassian-typography',
  'atlassian-shape',
];

export function themeCss(): string {
  return THEMES.map((name) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(`@atlaskit/tokens/dist/cjs/artifacts/themes/${name}`) as { default: string };
    return mod.default;
  }).join('\n');
}

/** The attribute value Atlaskit's tokens read to pick themes. */
export const DATA_THEME = 'dark:dark light:light spacing:spacing typography:typography shape:shape';
