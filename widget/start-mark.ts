// Marks the moment the widget's script starts running, before any of its other modules: the
// benchmark measures from here to the notice on screen (test/bench/widget/probe.ts). Imported
// first by embed.ts, so the bundle evaluates it first.
performance.mark('custodian-consent:start');
