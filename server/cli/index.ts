// What the service's commands share: their io, the usage error, reading a JSON file.
export { UsageError, type CliIo } from './io';
export { readJsonFile } from './json-file';
