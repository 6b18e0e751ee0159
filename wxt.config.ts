// WXT build configuration: the staff extension's source lives in extension/ (see README).
import { defineConfig } from 'wxt';

export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  // Static files (the managed-storage schema) sit with the extension's source, not at the top level.
  publicDir: 'extension/public',
  manifest: {
    name: 'Custodian',
    description: 'Masks customer personal information on internal web tools and logs every view.',
    // alarms: wake the service worker to sync the event queue (a stopped worker must not stall it).
    permissions: ['storage', 'alarms'],
    // The toolbar button whose badge shows the page's finding count.
    action: { default_title: 'Custodian' },
    // Administrators push the policy and the staff identity by Chrome policy (3rdparty/extensions).
    storage: { managed_schema: 'managed-schema.json' },
  },
});
