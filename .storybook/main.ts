import type { StorybookConfig } from '@storybook/web-components-vite';

/**
 * Every Lit entry point the stories, the elements and Storybook's web-components renderer import (add one here when
 * a story or element imports a new one). Vite pre-bundles
 * each listed entry in one pass, so they share one copy of lit-html, lit-element and @lit/reactive-element. An entry
 * left out is found later (or served unbundled from node_modules) and brings a second copy of lit-html with it: two
 * Lits, "Multiple versions of Lit loaded" in the console, and template results one copy cannot render for the other.
 */
const LIT_ENTRIES = ['lit', 'lit/directive-helpers.js'];

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-vitest'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // The dev server, the static build and the story tests all go through here.
  async viteFinal(config) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(config, {
      resolve: { dedupe: ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'] },
      optimizeDeps: { include: LIT_ENTRIES },
    });
  },
};
export default config;
