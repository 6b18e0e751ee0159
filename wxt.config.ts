// WXT build configuration: the staff extension's source lives in extension/ (see README).
// `wxt build` makes the Chrome extension (.output/chrome-mv3), `wxt build -b firefox` the Firefox
// one (.output/firefox-mv3), from the same source.
import { defineConfig } from 'wxt';

/**
 * The Firefox release the extension needs: 128 brought `world: "MAIN"` and
 * `match_origin_as_fallback` in content scripts (the masking relies on both); 140 is the ESR that
 * companies deploy, and the first to read `data_collection_permissions`.
 */
const FIREFOX_MIN_VERSION = '140.0';
/** Firefox for Android: 142 is the first to read `data_collection_permissions`. */
const FIREFOX_ANDROID_MIN_VERSION = '142.0';

export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  // Static files (the managed-storage schema) sit with the extension's source, not at the top level.
  publicDir: 'extension/public',
  // MV3 for Firefox too (WXT's default there is MV2): Firefox runs a main-world content script
  // (the attachShadow hook) only from an MV3 manifest's `world: "MAIN"`, and MV3 keeps one
  // manifest shape for both browsers. Firefox gets an event page where Chrome has a service worker.
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'Custodian',
    description: 'Masks customer personal information on internal web tools and logs every view.',
    // alarms: wake the service worker to sync the event queue (a stopped worker must not stall it).
    permissions: ['storage', 'alarms'],
    // The toolbar button whose badge shows the page's finding count.
    action: { default_title: 'Custodian' },
    ...(browser === 'firefox'
      ? {
          // Firefox reads managed storage from enterprise policies (policies.json, "3rdparty")
          // and has no `storage.managed_schema` key: web-ext lint refuses it.
          browser_specific_settings: {
            gecko: {
              id: 'custodian@custodian.dev',
              strict_min_version: FIREFOX_MIN_VERSION,
              // What leaves the browser, to the company's own audit service: the pages staff
              // open on protected sites, and what they do there (reveals, pauses).
              data_collection_permissions: { required: ['browsingActivity', 'websiteActivity'] },
            },
            gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
          },
        }
      : {
          // Administrators push the policy and the staff identity by Chrome policy (3rdparty/extensions).
          storage: { managed_schema: 'managed-schema.json' },
        }),
  }),
});
