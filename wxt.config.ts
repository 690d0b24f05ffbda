import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { defaultStoryMatchPatterns, optionalStoryMatchPatterns } from './lib/sites/matches';

// One source, two builds: `wxt build` (Chrome MV3) and `wxt build -b firefox --mv3`.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports read better to a newcomer than WXT's auto-imports.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: { default_title: '__MSG_actionTitle__', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' } },
    // scripting + the story pages the content script already runs on: injecting Readability into such a
    // page, only when its site adapter does not recognise it, and registering the content script of a site
    // the reader turns on (see README, Permissions).
    permissions: ['storage', 'scripting'],
    host_permissions: defaultStoryMatchPatterns(),
    // The sites off by default (onByDefault: false): asked for when the reader turns one on, so the install
    // warning names only the sites on by default.
    ...(optionalStoryMatchPatterns().length ? { optional_host_permissions: optionalStoryMatchPatterns() } : {}),
    // The restyling script (entrypoints/restyle/) is an unlisted script listed here by hand, not a WXT content
    // script: WXT's content-script context talks to the page with window.postMessage (see that file). A site
    // turned on gets the same script registered at run time (lib/sites/access.ts).
    content_scripts: [{ matches: defaultStoryMatchPatterns(), js: ['restyle.js'], run_at: 'document_start' }],
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+L' }, description: '__MSG_commandLibrary__' },
      ...(browser === 'firefox'
        ? { _execute_sidebar_action: { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_commandReader__' } }
        : { 'open-reader': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_commandReader__' } }),
      'toggle-reader': {
        suggested_key: { default: 'Alt+Shift+R' },
        description: '__MSG_commandToggle__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'ficwell@ficwell.invalid',
              // 140 is the first release (and ESR) that knows data_collection_permissions.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
