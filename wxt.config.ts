// WXT build configuration: the staff extension's source lives in extension/ (see README).
import { defineConfig } from 'wxt';

export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  manifest: {
    name: 'Custodian',
    description: 'Masks customer personal information on internal web tools and logs every view.',
    permissions: ['storage'],
    // The toolbar button whose badge shows the page's finding count (no popup yet).
    action: { default_title: 'Custodian' },
  },
});
